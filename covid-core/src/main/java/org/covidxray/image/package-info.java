/**
 * Preprocessing: decoding image files safely (format detection, decompression-bomb guard), converting
 * to the documented pixel convention ({@link org.covidxray.image.PreprocessingConfig}) and the
 * training-time {@link org.covidxray.image.Augmenter}. Engine-free; engines consume
 * {@link org.covidxray.image.ImageTensor}s.
 */
package org.covidxray.image;
