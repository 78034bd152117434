package org.covidxray.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Splits a data set into train / validation / test so that every patient's images fall into exactly
 * one part (patient-disjoint), each class keeps roughly its share in every part (stratified by the
 * patient's majority label), and the same seed always gives the same split.
 *
 * <p>Within each stratum the patients are shuffled with the seed and then each goes to the part that
 * is furthest below its target number of images, so parts match the fractions in images even when
 * patients have many images each. {@link java.util.Random} is used because its sequence is specified,
 * so a seed means the same split on every JVM.
 */
public final class PatientSplitter {
    private final double[] fractions;
    private final long seed;

    /**
     * @param train fraction of images for training
     * @param validation fraction for validation (may be 0)
     * @param test fraction for testing (may be 0)
     * @param seed the shuffle seed
     * @throws IllegalArgumentException when a fraction is negative or they do not sum to 1
     */
    public PatientSplitter(double train, double validation, double test, long seed) {
        if (train < 0 || validation < 0 || test < 0 || Math.abs(train + validation + test - 1.0) > 1e-9) {
            throw new IllegalArgumentException("Split fractions must be non-negative and sum to 1, got train="
                    + train + ", validation=" + validation + ", test=" + test);
        }
        this.fractions = new double[] {train, validation, test};
        this.seed = seed;
    }

    /** Splits the data set; part names are the data set's name plus {@code /train}, {@code /validation}, {@code /test}. */
    public DatasetSplit split(Dataset dataset) {
        List<List<Integer>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (List<PatientGroups.Patient> stratum : PatientGroups.shuffledStrata(dataset, new Random(seed))) {
            int images = stratum.stream().mapToInt(p -> p.indices().size()).sum();
            int[] assigned = new int[3];
            for (PatientGroups.Patient patient : stratum) {
                int target = mostBelowTarget(images, assigned);
                parts.get(target).addAll(patient.indices());
                assigned[target] += patient.indices().size();
            }
        }
        Dataset train = PatientGroups.part(dataset, dataset.name() + "/train", parts.get(0));
        Dataset validation = PatientGroups.part(dataset, dataset.name() + "/validation", parts.get(1));
        Dataset test = PatientGroups.part(dataset, dataset.name() + "/test", parts.get(2));
        SplitDescription description = new SplitDescription(fractions[0], fractions[1], fractions[2], seed,
                dataset.fingerprint(), train.fingerprint(), validation.fingerprint(), test.fingerprint(),
                train.size(), validation.size(), test.size());
        return new DatasetSplit(train, validation, test, description);
    }

    private int mostBelowTarget(int images, int[] assigned) {
        int best = -1;
        double bestDeficit = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < 3; p++) {
            if (fractions[p] == 0) {
                continue;
            }
            double deficit = fractions[p] * images - assigned[p];
            if (deficit > bestDeficit) {
                bestDeficit = deficit;
                best = p;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "PatientSplitter[train=" + fractions[0] + ", validation=" + fractions[1] + ", test=" + fractions[2]
                + ", seed=" + seed + "]";
    }
}
