package org.covidxray.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds labels that contradict what a file name says. Kermany's file names carry the diagnosis
 * ({@code person<ID>_bacteria_<n>} and {@code person<ID>_virus_<n>} are pneumonia, {@code IM-<ID>-<n>}
 * and {@code NORMAL2-IM-<ID>-<n>} are normal), which is how the original project's mistake shows: it
 * sampled its "normal" images from the whole Kaggle tree, so most of them are pneumonia cases.
 *
 * <p>Reported: an image in the normal class whose name says bacteria or virus; an image in the
 * pneumonia class whose name says normal; an image in any other class (e.g. covid) whose name follows
 * Kermany's naming, since that pediatric data set predates COVID-19.
 */
public final class LabelQualityCheck {
    private final String normalClass;
    private final String pneumoniaClass;

    /** Checks against the classes {@code normal} and {@code pneumonia} (matched ignoring case). */
    public LabelQualityCheck() {
        this("normal", "pneumonia");
    }

    /** Checks against the given normal and pneumonia class names (matched ignoring case). */
    public LabelQualityCheck(String normalClass, String pneumoniaClass) {
        this.normalClass = normalClass.toLowerCase(Locale.ROOT);
        this.pneumoniaClass = pneumoniaClass.toLowerCase(Locale.ROOT);
    }

    /** The suspicious samples, in data set order; empty when none. */
    public List<LabelFinding> check(Dataset dataset) {
        List<LabelFinding> findings = new ArrayList<>();
        for (Sample sample : dataset.samples()) {
            if (sample.label() == null) {
                continue;
            }
            String fileName = sample.path().getFileName().toString();
            Optional<KermanyFileName> name = KermanyFileName.parse(fileName);
            if (name.isEmpty()) {
                continue;
            }
            reason(sample.label().toLowerCase(Locale.ROOT), name.get(), fileName)
                    .ifPresent(r -> findings.add(new LabelFinding(sample.id(), sample.path(), sample.label(), r)));
        }
        return findings;
    }

    private Optional<String> reason(String label, KermanyFileName name, String fileName) {
        if (label.equals(normalClass)) {
            return name.saysPneumonia()
                    ? Optional.of("labelled '" + label + "' but the Kermany file name " + fileName + " says "
                            + (KermanyFileName.VIRUS.equals(name.subtype()) ? "viral" : "bacterial") + " pneumonia")
                    : Optional.empty();
        }
        if (label.equals(pneumoniaClass)) {
            return name.saysPneumonia() ? Optional.empty()
                    : Optional.of("labelled '" + label + "' but the Kermany file name " + fileName + " says normal");
        }
        return Optional.of("labelled '" + label + "' but " + fileName + " is named like a file of Kermany's "
                + "pediatric pneumonia data set, which has no " + label + " images");
    }
}
