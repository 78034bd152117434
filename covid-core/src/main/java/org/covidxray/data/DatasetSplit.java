package org.covidxray.data;

import java.util.List;

/**
 * A patient-disjoint split of a data set into training, validation and test parts (any part may be
 * empty when its fraction is 0). All three keep the class order of the data set they came from.
 */
public record DatasetSplit(Dataset train, Dataset validation, Dataset test) {

    /** The three parts in the order train, validation, test. */
    public List<Dataset> parts() {
        return List.of(train, validation, test);
    }
}
