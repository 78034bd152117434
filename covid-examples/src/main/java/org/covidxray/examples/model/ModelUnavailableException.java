package org.covidxray.examples.model;

import org.covidxray.CovidXrayException;

/** No model was given and this build carries no bundled model; the message says what to do. */
public class ModelUnavailableException extends CovidXrayException {
    private static final long serialVersionUID = 1L;

    public ModelUnavailableException(String message) {
        super(message);
    }
}
