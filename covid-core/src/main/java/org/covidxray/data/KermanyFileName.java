package org.covidxray.data;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a file name of Kermany et al.'s "Chest X-Ray Images (Pneumonia)" says: the patient and, for
 * pneumonia files, the subtype. Names are {@code person<ID>_bacteria_<n>}, {@code person<ID>_virus_<n>}
 * (pneumonia), {@code IM-<ID>-<n>} and {@code NORMAL2-IM-<ID>-<n>} (normal), with an optional extra
 * {@code -<n>} / {@code _<n>} before the extension.
 *
 * <p>Patient keys: {@code person<ID>} is one patient whether the file says bacteria or virus (the name
 * numbers persons, not infections, and grouping more never leaks). {@code IM-<ID>} and
 * {@code NORMAL2-IM-<ID>} are kept apart: they are two numbering series (ids 115-766 and 383-1423 in
 * the training split, overlapping on 211 numbers) and nothing in the data says that equal numbers are
 * the same child, so {@code NORMAL2-IM-0123} and {@code IM-0123} are different patients.
 *
 * @param patientKey the patient as the file names it, e.g. {@code person123}, {@code IM-0115},
 *     {@code NORMAL2-IM-0383}
 * @param subtype {@code bacteria}, {@code virus}, or {@code ""} for normal files
 */
public record KermanyFileName(String patientKey, String subtype) {
    private static final Pattern PERSON =
            Pattern.compile("person(\\d+)_(bacteria|virus)_\\d+(?:_\\d+)?\\.[A-Za-z]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern NORMAL2 =
            Pattern.compile("NORMAL2-IM-(\\d+)-\\d+(?:-\\d+)?\\.[A-Za-z]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern IM = Pattern.compile("IM-(\\d+)-\\d+(?:-\\d+)?\\.[A-Za-z]+", Pattern.CASE_INSENSITIVE);

    /** Subtype value for bacterial pneumonia files. */
    public static final String BACTERIA = "bacteria";
    /** Subtype value for viral pneumonia files. */
    public static final String VIRUS = "virus";

    /** Parses a file name (without folders); empty when it does not follow Kermany's naming. */
    public static Optional<KermanyFileName> parse(String fileName) {
        Matcher m = PERSON.matcher(fileName);
        if (m.matches()) {
            return Optional.of(new KermanyFileName("person" + m.group(1), m.group(2).toLowerCase()));
        }
        m = NORMAL2.matcher(fileName);
        if (m.matches()) {
            return Optional.of(new KermanyFileName("NORMAL2-IM-" + m.group(1), ""));
        }
        m = IM.matcher(fileName);
        if (m.matches()) {
            return Optional.of(new KermanyFileName("IM-" + m.group(1), ""));
        }
        return Optional.empty();
    }

    /** True when the name says pneumonia (bacteria or virus). */
    public boolean saysPneumonia() {
        return !subtype.isEmpty();
    }
}
