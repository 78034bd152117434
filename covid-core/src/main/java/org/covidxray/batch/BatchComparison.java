package org.covidxray.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How two batch runs over the same images differ, matched by path: e.g. {@code covid predict --list} against
 * {@code covid batch} on a cluster, which must agree image for image.
 *
 * @param matched paths present in both runs
 * @param onlyInFirst paths of the first run that the second lacks
 * @param onlyInSecond paths of the second run that the first lacks
 * @param maxProbabilityDifference the largest absolute difference of one class probability
 * @param worstPath the path where it occurs, or {@code null}
 * @param differentOutcome paths whose predicted class, gate verdict or failure differ
 */
public record BatchComparison(int matched, List<String> onlyInFirst, List<String> onlyInSecond,
                              double maxProbabilityDifference, String worstPath, List<String> differentOutcome) {
    public BatchComparison {
        onlyInFirst = List.copyOf(onlyInFirst);
        onlyInSecond = List.copyOf(onlyInSecond);
        differentOutcome = List.copyOf(differentOutcome);
    }

    /** Compares two runs image for image. */
    public static BatchComparison of(List<BatchRow> first, List<BatchRow> second) {
        Map<String, BatchRow> byPath = new LinkedHashMap<>();
        second.forEach(r -> byPath.put(r.path(), r));
        List<String> onlyInFirst = new ArrayList<>();
        List<String> different = new ArrayList<>();
        double max = 0;
        String worst = null;
        int matched = 0;
        for (BatchRow a : first) {
            BatchRow b = byPath.remove(a.path());
            if (b == null) {
                onlyInFirst.add(a.path());
                continue;
            }
            matched++;
            if (!Objects.equals(a.predicted(), b.predicted()) || !a.gate().equals(b.gate())
                    || a.predictedOk() != b.predictedOk()) {
                different.add(a.path());
            }
            if (a.predictedOk() && b.predictedOk()) {
                double[] pa = a.probabilities();
                double[] pb = b.probabilities();
                if (pa.length != pb.length) {
                    different.add(a.path());
                    continue;
                }
                for (int c = 0; c < pa.length; c++) {
                    double d = Math.abs(pa[c] - pb[c]);
                    if (d > max) {
                        max = d;
                        worst = a.path();
                    }
                }
            }
        }
        return new BatchComparison(matched, onlyInFirst, new ArrayList<>(byPath.keySet()), max, worst, different);
    }

    /** Same images, same outcomes, and every probability within {@code tolerance}. */
    public boolean agrees(double tolerance) {
        return onlyInFirst.isEmpty() && onlyInSecond.isEmpty() && differentOutcome.isEmpty()
                && maxProbabilityDifference <= tolerance;
    }

    /** One paragraph for people. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%d images in both runs, %d only in the first, %d only in the "
                        + "second, %d with another outcome; largest probability difference %.3g%s.", matched,
                onlyInFirst.size(), onlyInSecond.size(), differentOutcome.size(), maxProbabilityDifference,
                worstPath == null ? "" : " (" + worstPath + ")");
    }
}
