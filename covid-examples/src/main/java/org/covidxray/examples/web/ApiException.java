package org.covidxray.examples.web;

/**
 * A request the server refuses, with the HTTP status, a stable machine-readable {@code error} code and a
 * message a person understands. Rendered as JSON {@code {error, message}}.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;

    public ApiException(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    public ApiException(int status, String error, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
