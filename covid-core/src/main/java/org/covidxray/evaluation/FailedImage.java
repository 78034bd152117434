package org.covidxray.evaluation;

import org.covidxray.data.Sample;

/**
 * An image that could not be predicted, with the reason; listed, never silently dropped.
 *
 * @param sample the sample
 * @param reason the decoder's or preprocessor's message
 */
public record FailedImage(Sample sample, String reason) {
    /** "path: reason", for people. */
    public String describe() {
        return sample.path() + ": " + reason;
    }
}
