package org.covidxray.training;

import org.covidxray.CovidXrayException;

/**
 * A training checkpoint cannot be resumed: it is missing, unreadable, or belongs to another run. The
 * message names the file and says what to do.
 */
public class CheckpointException extends CovidXrayException {
    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
