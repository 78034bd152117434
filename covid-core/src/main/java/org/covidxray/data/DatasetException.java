package org.covidxray.data;

import org.covidxray.CovidXrayException;

/** A data set could not be loaded: missing folder, missing column, missing or unreadable file. */
public class DatasetException extends CovidXrayException {
    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
