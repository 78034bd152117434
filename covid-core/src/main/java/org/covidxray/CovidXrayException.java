package org.covidxray;

/**
 * Base class of every exception this library throws on purpose. Its message always names the
 * file, column or option at fault and says what the user can do about it.
 */
public class CovidXrayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CovidXrayException(String message) {
        super(message);
    }

    public CovidXrayException(String message, Throwable cause) {
        super(message, cause);
    }
}
