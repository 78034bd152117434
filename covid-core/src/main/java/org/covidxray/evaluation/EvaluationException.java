package org.covidxray.evaluation;

import org.covidxray.CovidXrayException;

/** An evaluation cannot be made as asked: data and model do not fit, or there is nothing to evaluate. */
public class EvaluationException extends CovidXrayException {
    private static final long serialVersionUID = 1L;

    public EvaluationException(String message) {
        super(message);
    }
}
