package org.covidxray.examples.cli;

import org.covidxray.CovidXrayException;

/** A mistake on the command line that options alone cannot express (e.g. a resumed run with other data). */
final class UserException extends CovidXrayException {
    private static final long serialVersionUID = 1L;

    UserException(String message) {
        super(message);
    }

    UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
