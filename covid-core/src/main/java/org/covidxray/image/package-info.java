/**
 * Preprocessing: decoding image files safely (format detection, decompression-bomb guard, and the
 * DICOM reader: {@code DicomParser}, {@code DicomReader}, {@code DicomRle}, {@code DicomGrayscale}),
 * the one list of accepted image extensions ({@link org.covidxray.image.ImageFormats}), converting
 * to the documented pixel convention ({@link org.covidxray.image.PreprocessingConfig}) and the
 * training-time {@link org.covidxray.image.Augmenter}. Engine-free; engines consume
 * {@link org.covidxray.image.ImageTensor}s.
 */
package org.covidxray.image;
