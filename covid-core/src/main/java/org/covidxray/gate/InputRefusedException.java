package org.covidxray.gate;

import java.util.Locale;
import org.covidxray.CovidXrayException;

/**
 * The input gate refused an image: it decodes, but it is not a chest radiograph a model can judge. The
 * message names the file, the measured value and the limit, and says what to do.
 */
public class InputRefusedException extends CovidXrayException {
    private static final long serialVersionUID = 1L;

    /** Which limit of {@link GateLimits} the image broke; lets a web server report it to programs. */
    public enum Reason {
        TOO_SMALL, EXTREME_ASPECT_RATIO, COLOUR_IMAGE, NEAR_CONSTANT;

        /** Lower-case code for JSON ({@code too_small}, ...). */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;
    private final String file;
    private final double measured;
    private final double limit;

    public InputRefusedException(Reason reason, String file, double measured, double limit, String message) {
        super(message);
        this.reason = reason;
        this.file = file;
        this.measured = measured;
        this.limit = limit;
    }

    public Reason reason() {
        return reason;
    }

    /** The file or upload name the message refers to. */
    public String file() {
        return file;
    }

    /** The measured value that broke the limit (pixels, ratio, fraction or standard deviation). */
    public double measured() {
        return measured;
    }

    /** The limit it broke, in the same unit. */
    public double limit() {
        return limit;
    }
}
