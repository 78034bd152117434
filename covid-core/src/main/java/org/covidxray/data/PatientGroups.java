package org.covidxray.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Samples grouped by patient, and patients grouped by stratum, for the splitters. A patient's stratum is
 * its most frequent label (ties: the first in class order); unlabelled patients form one more stratum.
 * Patients are sorted by id before the seeded shuffle, so a split depends only on the data and the seed,
 * not on the order the loader produced.
 */
final class PatientGroups {
    /** One patient: its id, stratum and the indices of its samples in the data set. */
    record Patient(String id, String stratum, List<Integer> indices) {
    }

    private PatientGroups() {
    }

    /** Strata in class order (then unlabelled), each a seeded shuffle of its patients. */
    static List<List<Patient>> shuffledStrata(Dataset dataset, Random random) {
        return shuffledStrata(dataset, random, false);
    }

    /**
     * Strata each a seeded shuffle of its patients: by class (in class order, then unlabelled), or with
     * {@code bySource} by source and class (in name order of {@code source/label}).
     */
    static List<List<Patient>> shuffledStrata(Dataset dataset, Random random, boolean bySource) {
        Map<String, List<Integer>> byPatient = new TreeMap<>();
        for (int i = 0; i < dataset.size(); i++) {
            byPatient.computeIfAbsent(dataset.get(i).patientId(), k -> new ArrayList<>()).add(i);
        }
        Map<String, List<Patient>> strata = bySource ? new TreeMap<>() : new LinkedHashMap<>();
        if (!bySource) {
            dataset.classNames().forEach(c -> strata.put(c, new ArrayList<>()));
            strata.put("", new ArrayList<>());
        }
        byPatient.forEach((id, indices) -> {
            String stratum = bySource ? sourceStratum(dataset, indices) : stratum(dataset, indices);
            strata.computeIfAbsent(stratum, k -> new ArrayList<>()).add(new Patient(id, stratum, List.copyOf(indices)));
        });
        List<List<Patient>> result = new ArrayList<>();
        for (List<Patient> patients : strata.values()) {
            if (!patients.isEmpty()) {
                Collections.shuffle(patients, random);
                result.add(patients);
            }
        }
        return result;
    }

    private static String stratum(Dataset dataset, List<Integer> indices) {
        int[] counts = new int[dataset.classNames().size()];
        for (int i : indices) {
            int label = dataset.labelIndex(dataset.get(i));
            if (label >= 0) {
                counts[label]++;
            }
        }
        int best = -1;
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0 && (best < 0 || counts[c] > counts[best])) {
                best = c;
            }
        }
        return best < 0 ? "" : dataset.classNames().get(best);
    }

    /** The most frequent (source, label) pair of a patient's images, written {@code source/label} (ties: the first in name order). */
    private static String sourceStratum(Dataset dataset, List<Integer> indices) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int i : indices) {
            Sample sample = dataset.get(i);
            int label = dataset.labelIndex(sample);
            String key = sample.attribute(Sample.SOURCE) + "/" + (label < 0 ? "" : dataset.classNames().get(label));
            counts.merge(key, 1, Integer::sum);
        }
        String best = null;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (best == null || e.getValue() > counts.get(best)) {
                best = e.getKey();
            }
        }
        return best;
    }

    /** The samples at the given indices, in data set order. */
    static Dataset part(Dataset dataset, String name, List<Integer> indices) {
        List<Integer> sorted = new ArrayList<>(indices);
        sorted.sort(Comparator.naturalOrder());
        return dataset.withSamples(name, sorted.stream().map(dataset::get).toList());
    }
}
