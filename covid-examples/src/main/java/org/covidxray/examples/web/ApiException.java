package org.covidxray.examples.web;

/**
 * A request the server refuses, with the HTTP status, a stable machine-readable {@code error} code and a
 * message a person understands, and for some errors a finer {@code reason}. Rendered as JSON
 * {@code {error, reason, message}} ({@code reason} only when there is one).
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final String reason;

    public ApiException(int status, String error, String message) {
        this(status, error, null, message, null);
    }

    public ApiException(int status, String error, String message, Throwable cause) {
        this(status, error, null, message, cause);
    }

    public ApiException(int status, String error, String reason, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.error = error;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    /** A finer machine-readable cause (e.g. {@code too_small} for {@code not_a_radiograph}), or {@code null}. */
    public String reason() {
        return reason;
    }
}
