package org.covidxray.engine;

import org.covidxray.CovidXrayException;

/** The requested backend or device is not on the class path or cannot be used; the message lists what is. */
public class BackendUnavailableException extends CovidXrayException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message) {
        super(message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
