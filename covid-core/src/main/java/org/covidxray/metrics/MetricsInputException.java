package org.covidxray.metrics;

import org.covidxray.CovidXrayException;

/**
 * The arrays given to a metric do not fit together: different lengths, a label outside the class
 * range, a probability row of the wrong width or a score that is not a finite number. The message
 * names the argument and the first offending position.
 */
public class MetricsInputException extends CovidXrayException {
    private static final long serialVersionUID = 1L;

    public MetricsInputException(String message) {
        super(message);
    }
}
