package org.covidxray.data;

import java.util.List;

/**
 * A patient-disjoint split of a data set into training, validation and test parts (any part may be
 * empty when its fraction is 0). All three keep the class order of the data set they came from.
 *
 * @param train the training part
 * @param validation the validation part
 * @param test the test part
 * @param description how it was made (fractions, seed, fingerprints), or {@code null} when not made by
 *     {@link PatientSplitter}
 */
public record DatasetSplit(Dataset train, Dataset validation, Dataset test, SplitDescription description) {

    /** A split whose making is not recorded. */
    public DatasetSplit(Dataset train, Dataset validation, Dataset test) {
        this(train, validation, test, null);
    }

    /** The three parts in the order train, validation, test. */
    public List<Dataset> parts() {
        return List.of(train, validation, test);
    }
}
