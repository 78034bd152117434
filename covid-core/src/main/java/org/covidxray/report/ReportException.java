package org.covidxray.report;

import org.covidxray.CovidXrayException;

/** A report could not be computed or drawn; the message names the input or the chart at fault. */
public class ReportException extends CovidXrayException {
    private static final long serialVersionUID = 1L;

    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
