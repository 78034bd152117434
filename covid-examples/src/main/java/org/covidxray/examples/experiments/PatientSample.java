package org.covidxray.examples.experiments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;

/**
 * A seeded sample of whole patients: per class, patients in shuffled order until the class has at
 * least {@code perClass} images. Whole patients keep later splits patient-disjoint; {@link Random}
 * is used because its sequence is specified, so a seed means the same sample on every JVM.
 */
final class PatientSample {
    private PatientSample() {
    }

    static Dataset of(Dataset dataset, int perClass, long seed) {
        if (perClass <= 0) {
            return dataset;
        }
        List<Sample> kept = new ArrayList<>();
        for (String c : dataset.classNames()) {
            Map<String, List<Sample>> byPatient = new LinkedHashMap<>();
            dataset.samples().stream().filter(s -> c.equals(s.label()))
                    .forEach(s -> byPatient.computeIfAbsent(s.patientId(), p -> new ArrayList<>()).add(s));
            List<String> patients = new ArrayList<>(byPatient.keySet());
            Collections.shuffle(patients, new Random(seed));
            int images = 0;
            for (String p : patients) {
                if (images >= perClass) {
                    break;
                }
                kept.addAll(byPatient.get(p));
                images += byPatient.get(p).size();
            }
        }
        return dataset.withSamples(dataset.name() + "-sample" + perClass, kept);
    }
}
