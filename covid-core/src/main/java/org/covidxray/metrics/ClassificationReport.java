package org.covidxray.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per-class precision, recall, F1 and support with accuracy and macro and weighted averages, like
 * scikit-learn's {@code classification_report}, computed from a {@link ConfusionMatrix}. Unlike
 * scikit-learn (whose {@code zero_division} turns 0/0 into 0) an undefined value stays NaN, and an
 * average over a NaN is NaN: the text shows "n/a" rather than a made-up 0. The weighted average
 * weights each class by its support, so a class with no images does not count.
 *
 * @param classes one line per class, in class order
 * @param accuracy fraction correct
 * @param macroAverage unweighted mean over the classes
 * @param weightedAverage support-weighted mean over the classes
 */
public record ClassificationReport(List<ClassScores> classes, double accuracy, ClassScores macroAverage,
                                   ClassScores weightedAverage) {

    public ClassificationReport {
        classes = List.copyOf(classes);
    }

    /** The report of labels and predictions (both in {@code [0, classNames.size())}). */
    public static ClassificationReport of(List<String> classNames, int[] labels, int[] predictions) {
        return of(classNames, ConfusionMatrix.of(labels, predictions, classNames.size()));
    }

    /** The report of the most probable class of each row. */
    public static ClassificationReport ofArgmax(List<String> classNames, int[] labels, double[][] probabilities) {
        return of(classNames, ConfusionMatrix.ofArgmax(labels, probabilities));
    }

    public static ClassificationReport of(List<String> classNames, ConfusionMatrix matrix) {
        if (classNames.size() != matrix.classes()) {
            throw new MetricsInputException(classNames.size() + " class names for a confusion matrix of "
                    + matrix.classes() + " classes; give one name per class");
        }
        List<ClassScores> lines = new ArrayList<>();
        for (int c = 0; c < matrix.classes(); c++) {
            double precision = Inputs.ratio(matrix.count(c, c), matrix.predicted(c));
            double recall = Inputs.ratio(matrix.count(c, c), matrix.support(c));
            lines.add(new ClassScores(classNames.get(c), precision, recall,
                    BinaryMetrics.f1(precision, recall), matrix.support(c)));
        }
        int total = matrix.total();
        return new ClassificationReport(lines, matrix.accuracy(), average("macro avg", lines, total, false),
                average("weighted avg", lines, total, true));
    }

    private static ClassScores average(String name, List<ClassScores> lines, int total, boolean weighted) {
        double p = 0;
        double r = 0;
        double f = 0;
        double weightSum = 0;
        for (ClassScores line : lines) {
            double w = weighted ? line.support() : 1;
            if (w == 0) {
                continue;
            }
            p += w * line.precision();
            r += w * line.recall();
            f += w * line.f1();
            weightSum += w;
        }
        return new ClassScores(name, Inputs.ratio(p, weightSum), Inputs.ratio(r, weightSum),
                Inputs.ratio(f, weightSum), total);
    }

    /** The line of the named class. */
    public ClassScores forClass(String name) {
        return classes.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new MetricsInputException("no class named '" + name + "' in the report"));
    }

    /** A fixed-width table laid out like scikit-learn's printout; undefined values read "n/a". */
    public String toText() {
        int width = "weighted avg".length();
        for (ClassScores c : classes) {
            width = Math.max(width, c.name().length());
        }
        String row = "%" + width + "s  %9s %9s %9s %9s\n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, row, "", "precision", "recall", "f1-score", "support")).append('\n');
        for (ClassScores c : classes) {
            appendLine(out, row, c);
        }
        out.append('\n');
        int total = macroAverage.support();
        out.append(String.format(Locale.ROOT, row, "accuracy", "", "", format(accuracy), total));
        appendLine(out, row, macroAverage);
        appendLine(out, row, weightedAverage);
        return out.toString();
    }

    private static void appendLine(StringBuilder out, String row, ClassScores c) {
        out.append(String.format(Locale.ROOT, row, c.name(), format(c.precision()), format(c.recall()),
                format(c.f1()), c.support()));
    }

    /** Two decimals like scikit-learn's default, "n/a" when undefined. */
    static String format(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }
}
