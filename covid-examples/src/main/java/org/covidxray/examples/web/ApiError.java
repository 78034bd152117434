package org.covidxray.examples.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The JSON body of every error response.
 *
 * @param error a stable code for programs (e.g. {@code upload_too_large})
 * @param reason a finer stable code where an error has several causes (e.g. {@code too_small} for
 *     {@code not_a_radiograph}); left out of the JSON when there is none
 * @param message what went wrong and what to do, for people
 */
@JsonPropertyOrder({"error", "reason", "message"})
public record ApiError(String error, @JsonInclude(JsonInclude.Include.NON_NULL) String reason, String message) {

    /** An error without a finer reason. */
    public ApiError(String error, String message) {
        this(error, null, message);
    }
}
