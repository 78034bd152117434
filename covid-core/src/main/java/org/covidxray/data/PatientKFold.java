package org.covidxray.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Patient-grouped, stratified k-fold: every patient is in exactly one test fold, each class is spread
 * evenly over the folds, and the same seed gives the same folds. Within a stratum the patients are
 * shuffled with the seed, then placed largest first (by image count; ties keep the shuffled order) into
 * the fold that has the fewest images of that stratum so far (ties: fewest images overall).
 * {@link #bySourceAndClass()} stratifies by source as well: each source's images of each class are spread
 * evenly, so that a small source is tested in every fold.
 */
public final class PatientKFold {
    private static final Logger LOG = LoggerFactory.getLogger(PatientKFold.class);

    private final int k;
    private final long seed;
    private final boolean bySource;

    /**
     * @param k number of folds, at least 2
     * @param seed the shuffle seed
     */
    public PatientKFold(int k, long seed) {
        this(k, seed, false);
    }

    private PatientKFold(int k, long seed, boolean bySource) {
        if (k < 2) {
            throw new IllegalArgumentException("k-fold needs k >= 2, got " + k);
        }
        this.k = k;
        this.seed = seed;
        this.bySource = bySource;
    }

    /** These folds stratified by source ({@link Sample#SOURCE}) and class instead of class alone. */
    public PatientKFold bySourceAndClass() {
        return new PatientKFold(k, seed, true);
    }

    /** The k folds, in order. */
    public List<Fold> split(Dataset dataset) {
        if (dataset.patients().size() < k) {
            throw new DatasetException("Data set '" + dataset.name() + "' has " + dataset.patients().size()
                    + " patients, fewer than the " + k + " folds asked for; use a smaller k");
        }
        List<List<Integer>> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            folds.add(new ArrayList<>());
        }
        int[] total = new int[k];
        for (List<PatientGroups.Patient> stratum : PatientGroups.shuffledStrata(dataset, new Random(seed), bySource)) {
            if (stratum.size() < k) {
                LOG.warn("Data set '{}': stratum '{}' has {} patients, fewer than {} folds; some folds will lack it",
                        dataset.name(), stratum.get(0).stratum(), stratum.size(), k);
            }
            List<PatientGroups.Patient> largestFirst = new ArrayList<>(stratum);
            largestFirst.sort(Comparator.comparingInt((PatientGroups.Patient p) -> p.indices().size()).reversed());
            int[] images = new int[k];
            for (PatientGroups.Patient patient : largestFirst) {
                int smallest = 0;
                for (int f = 1; f < k; f++) {
                    if (images[f] < images[smallest] || images[f] == images[smallest] && total[f] < total[smallest]) {
                        smallest = f;
                    }
                }
                folds.get(smallest).addAll(patient.indices());
                images[smallest] += patient.indices().size();
                total[smallest] += patient.indices().size();
            }
        }
        List<Fold> result = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            List<Integer> train = new ArrayList<>();
            for (int g = 0; g < k; g++) {
                if (g != f) {
                    train.addAll(folds.get(g));
                }
            }
            String prefix = dataset.name() + "/fold" + f;
            result.add(new Fold(f, PatientGroups.part(dataset, prefix + "/train", train),
                    PatientGroups.part(dataset, prefix + "/test", folds.get(f))));
        }
        return result;
    }
}
