package org.covidxray.sources;

import org.covidxray.data.Dataset;
import org.covidxray.duplicates.Deduplication;

/**
 * Sources loaded as one data set.
 *
 * @param dataset the merged data set, each film once when deduplicated
 * @param deduplication what the duplicate check found, or {@code null} when it was turned off
 */
public record LoadedSources(Dataset dataset, Deduplication deduplication) {
}
