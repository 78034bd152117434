package org.covidxray.examples.web;

import java.util.Objects;

/**
 * A request the server refuses, with one of the {@link ApiErrorCode}s (HTTP status and stable
 * machine-readable {@code error} code), a message a person understands, and for some errors a finer
 * {@code reason}. Rendered as JSON {@code {error, reason, message}} ({@code reason} only when there is one).
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ApiErrorCode code;
    private final String reason;

    public ApiException(ApiErrorCode code, String message) {
        this(code, null, message, null);
    }

    public ApiException(ApiErrorCode code, String message, Throwable cause) {
        this(code, null, message, cause);
    }

    public ApiException(ApiErrorCode code, String reason, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.reason = reason;
    }

    public ApiErrorCode code() {
        return code;
    }

    public int status() {
        return code.status();
    }

    public String error() {
        return code.code();
    }

    /** A finer machine-readable cause (e.g. {@code too_small} for {@code not_a_radiograph}), or {@code null}. */
    public String reason() {
        return reason;
    }

    /** The JSON body. */
    public ApiError body() {
        return new ApiError(error(), reason, getMessage());
    }
}
