package org.covidxray.examples.web;

/**
 * Every error the server answers: its HTTP status, its stable {@code error} code and the routes it can
 * come from. Errors are only made from these constants ({@link ApiException} takes one), so this table
 * is what the server can answer; {@code OpenApiDocumentTest} fails when {@code /openapi.json} leaves
 * one out.
 */
public enum ApiErrorCode {
    BAD_REQUEST(400, "bad_request", Scope.IMAGE_ROUTES),
    EMPTY_UPLOAD(400, "empty_upload", Scope.IMAGE_ROUTES),
    MISSING_IMAGE(400, "missing_image", Scope.IMAGE_ROUTES),
    BAD_MULTIPART(400, "bad_multipart", Scope.IMAGE_ROUTES),
    UPLOAD_INTERRUPTED(400, "upload_interrupted", Scope.IMAGE_ROUTES),
    NOT_FOUND(404, "not_found", Scope.UNROUTED),
    METHOD_NOT_ALLOWED(405, "method_not_allowed", Scope.UNROUTED),
    UPLOAD_TOO_SLOW(408, "upload_too_slow", Scope.IMAGE_ROUTES),
    UPLOAD_TOO_LARGE(413, "upload_too_large", Scope.IMAGE_ROUTES),
    IMAGE_TOO_LARGE(413, "image_too_large", Scope.IMAGE_ROUTES),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", Scope.IMAGE_ROUTES),
    UNSUPPORTED_IMAGE(415, "unsupported_image", Scope.IMAGE_ROUTES),
    CORRUPT_IMAGE(422, "corrupt_image", Scope.IMAGE_ROUTES),
    NOT_A_RADIOGRAPH(422, "not_a_radiograph", Scope.IMAGE_ROUTES),
    INTERNAL_ERROR(500, "internal_error", Scope.ALL_ROUTES),
    SALIENCY_UNAVAILABLE(501, "saliency_unavailable", Scope.EXPLAIN),
    SERVER_BUSY(503, "server_busy", Scope.IMAGE_ROUTES);

    /** Which routes can answer an error. */
    public enum Scope {
        /** every registered route */
        ALL_ROUTES,
        /** every route that takes an uploaded image ({@link ApiRoute#takesImage()}) */
        IMAGE_ROUTES,
        /** only {@code POST /api/explain} */
        EXPLAIN,
        /** requests to no registered route (documented under {@code components/responses}) */
        UNROUTED
    }

    private final int status;
    private final String code;
    private final Scope scope;

    ApiErrorCode(int status, String code, Scope scope) {
        this.status = status;
        this.code = code;
        this.scope = scope;
    }

    public int status() {
        return status;
    }

    /** The JSON {@code error} value. */
    public String code() {
        return code;
    }

    public Scope scope() {
        return scope;
    }

    /**
     * The code for a status that Javalin or Jetty raised itself (not through {@link ApiException}), or
     * {@link #INTERNAL_ERROR} for one this server never expects.
     */
    public static ApiErrorCode forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 408 -> UPLOAD_TOO_SLOW;
            case 413 -> UPLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 503 -> SERVER_BUSY;
            default -> INTERNAL_ERROR;
        };
    }
}
