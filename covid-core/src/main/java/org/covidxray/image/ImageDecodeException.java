package org.covidxray.image;

import org.covidxray.CovidXrayException;

/**
 * An image could not be decoded: unsupported format, truncated or corrupt file, or larger than the
 * configured pixel limit. The message names the file.
 */
public class ImageDecodeException extends CovidXrayException {
    private static final long serialVersionUID = 1L;

    /** Why decoding failed; lets a web server map it to an HTTP status. */
    public enum Reason { UNSUPPORTED_FORMAT, CORRUPT, TOO_LARGE, IO_ERROR }

    private final Reason reason;

    public ImageDecodeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ImageDecodeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
