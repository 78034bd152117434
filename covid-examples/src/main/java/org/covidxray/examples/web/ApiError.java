package org.covidxray.examples.web;

/**
 * The JSON body of every error response.
 *
 * @param error a stable code for programs (e.g. {@code upload_too_large})
 * @param message what went wrong and what to do, for people
 */
public record ApiError(String error, String message) {
}
