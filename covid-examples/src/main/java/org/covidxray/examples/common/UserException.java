package org.covidxray.examples.common;

import org.covidxray.CovidXrayException;

/** A mistake on the command line that options alone cannot express (e.g. a resumed run with other data). */
public final class UserException extends CovidXrayException {
    private static final long serialVersionUID = 1L;

    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
