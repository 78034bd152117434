package org.covidxray.image;

import java.util.Optional;

/**
 * What a DICOM file says about its pixels, read from its header: only the attributes needed to turn
 * the pixels into gray intensities, and the view position. Patient attributes (name, id, birth date)
 * are skipped by the parser and never stored, so they cannot reach a log, a message or a result.
 *
 * @param transferSyntaxUid how the data set and the pixels are encoded
 * @param rows image height
 * @param columns image width
 * @param samplesPerPixel 1 for gray images
 * @param photometric {@code MONOCHROME1} (0 is white), {@code MONOCHROME2} (0 is black), or a colour model
 * @param frames number of frames (1 when the header does not say)
 * @param bitsAllocated bits per stored sample container (8 or 16 are decoded)
 * @param bitsStored bits of the container that hold the value
 * @param highBit the most significant bit of the value in its container
 * @param signed whether values are two's complement (pixel representation 1)
 * @param rescaleSlope the modality LUT's slope (1 when absent)
 * @param rescaleIntercept the modality LUT's intercept (0 when absent)
 * @param windowCenter the first VOI window centre, {@code NaN} when absent
 * @param windowWidth the first VOI window width, {@code NaN} when absent
 * @param voiLutFunction {@code LINEAR} (default), {@code LINEAR_EXACT} or {@code SIGMOID}
 * @param viewPosition the radiographic view (PA, AP, LL, RL, ...), {@code ""} when absent
 */
public record DicomHeader(String transferSyntaxUid, int rows, int columns, int samplesPerPixel, String photometric,
                          int frames, int bitsAllocated, int bitsStored, int highBit, boolean signed,
                          double rescaleSlope, double rescaleIntercept, double windowCenter, double windowWidth,
                          String voiLutFunction, String viewPosition) {

    /** Whether the header carries a usable VOI window (a width of at least 1, as PS3.3 C.11.2.1.2 requires). */
    public boolean hasWindow() {
        return Double.isFinite(windowCenter) && Double.isFinite(windowWidth) && windowWidth >= 1;
    }

    /** The view position, when the file names one. */
    public Optional<String> view() {
        return viewPosition.isEmpty() ? Optional.empty() : Optional.of(viewPosition);
    }
}
