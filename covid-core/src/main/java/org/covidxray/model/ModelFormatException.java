package org.covidxray.model;

import org.covidxray.CovidXrayException;

/** A model bundle is corrupt, of an unknown format version, or does not match what loads it. */
public class ModelFormatException extends CovidXrayException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
