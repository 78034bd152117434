package org.covidxray.examples.experiments;

import org.covidxray.CovidXrayException;

/** An experiment cannot run as asked (missing data folder, too few patients, bad option combination). */
final class ExperimentException extends CovidXrayException {
    private static final long serialVersionUID = 1L;

    ExperimentException(String message) {
        super(message);
    }

    ExperimentException(String message, Throwable cause) {
        super(message, cause);
    }
}
