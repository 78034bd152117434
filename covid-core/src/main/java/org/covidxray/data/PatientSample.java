package org.covidxray.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * A seeded sample of whole patients: per group (a class, or a class within one data source), patients
 * in shuffled order until the group has at least the asked number of images. Whole patients keep later
 * splits patient-disjoint. Capping each source's share of each class keeps one large collection (e.g.
 * Kermany's 5,216 children) from deciding what "normal" looks like. {@link Random} is used because its
 * sequence is specified, so a seed means the same sample on every JVM.
 */
public final class PatientSample {
    private PatientSample() {
    }

    /** At most about {@code perClass} images of each class ({@code <= 0}: all). */
    public static Dataset perClass(Dataset dataset, int perClass, long seed) {
        return sample(dataset, perClass, seed, Sample::label, "-sample" + perClass);
    }

    /**
     * At most about {@code perGroup} images of each class of each data source ({@code <= 0}: all); classes that
     * were merged ({@link Dataset#withClassesMerged}) are capped by their original labels, so the same images
     * are kept as before the merge.
     */
    public static Dataset perSourceAndClass(Dataset dataset, int perGroup, long seed) {
        return sample(dataset, perGroup, seed, s -> s.attribute(Sample.SOURCE) + "/"
                + (s.attribute(Sample.ORIGINAL_LABEL).isEmpty() ? s.label() : s.attribute(Sample.ORIGINAL_LABEL)),
                "-cap" + perGroup);
    }

    private static Dataset sample(Dataset dataset, int perGroup, long seed, Function<Sample, String> group,
                                  String suffix) {
        if (perGroup <= 0) {
            return dataset;
        }
        Map<String, Map<String, List<Sample>>> groups = new LinkedHashMap<>();
        // groups of whole classes come in class order, as the samples of a class-ordered data set would
        dataset.classNames().forEach(c -> groups.put(c, new LinkedHashMap<>()));
        for (Sample s : dataset.samples()) {
            if (s.label() != null) {
                groups.computeIfAbsent(group.apply(s), g -> new LinkedHashMap<>())
                        .computeIfAbsent(s.patientId(), p -> new ArrayList<>()).add(s);
            }
        }
        List<Sample> kept = new ArrayList<>();
        for (Map<String, List<Sample>> byPatient : groups.values()) {
            List<String> patients = new ArrayList<>(byPatient.keySet());
            Collections.shuffle(patients, new Random(seed));
            int images = 0;
            for (String p : patients) {
                if (images >= perGroup) {
                    break;
                }
                kept.addAll(byPatient.get(p));
                images += byPatient.get(p).size();
            }
        }
        return dataset.withSamples(dataset.name() + suffix, kept);
    }
}
