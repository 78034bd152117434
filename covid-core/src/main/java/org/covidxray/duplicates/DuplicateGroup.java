package org.covidxray.duplicates;

import java.util.List;
import org.covidxray.data.Sample;

/**
 * One film found in several places, and the copy kept.
 *
 * @param copies every copy, in merge order (the kept one included)
 * @param kept the copy that stays in the merged data (see {@link Deduplicator} for the choice)
 * @param distance the largest fingerprint distance between two linked copies, in bits
 */
public record DuplicateGroup(List<Sample> copies, Sample kept, int distance) {
    public DuplicateGroup {
        copies = List.copyOf(copies);
    }

    /** True when the copies come from more than one source. */
    public boolean acrossSources() {
        return copies.stream().map(s -> s.attribute(Sample.SOURCE)).distinct().count() > 1;
    }
}
