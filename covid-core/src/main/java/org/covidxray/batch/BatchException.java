package org.covidxray.batch;

import org.covidxray.CovidXrayException;

/** A batch run cannot start or finish: missing folder or list, a list without a path column, a bad CSV. */
public class BatchException extends CovidXrayException {
    private static final long serialVersionUID = 1L;

    public BatchException(String message) {
        super(message);
    }

    public BatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
