/**
 * Several public collections loaded as one data set: each source named after its folder, the class
 * order fixed, and every film kept once across the sources (by content, see
 * {@link org.covidxray.duplicates}). What {@code covid train --kermany ... --cohen ... --covidnet ...}
 * and the experiments load. Depends on data and duplicates.
 */
package org.covidxray.sources;
