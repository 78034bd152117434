/**
 * The same film in two places: content fingerprints of images ({@link org.covidxray.duplicates.PerceptualHash}),
 * finding copies by fingerprint distance ({@link org.covidxray.duplicates.DuplicateFinder}) and keeping each
 * film once when data sets are merged, with the patients of all copies joined and label conflicts reported
 * ({@link org.covidxray.duplicates.Deduplicator}). Depends on {@code org.covidxray.data} and
 * {@code org.covidxray.image}; nothing in those packages depends on this one.
 */
package org.covidxray.duplicates;
