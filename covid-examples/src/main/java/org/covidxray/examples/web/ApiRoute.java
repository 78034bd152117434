package org.covidxray.examples.web;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Objects;

/**
 * One route of the server: {@link WebServer} registers exactly the routes of its table
 * ({@link WebServer#routes()}), which is also what {@code OpenApiDocumentTest} checks {@code /openapi.json}
 * against.
 *
 * @param method HTTP method
 * @param path path as Javalin matches it
 * @param takesImage whether the request carries an uploaded image (and so can get every upload error)
 * @param handler what answers it
 */
public record ApiRoute(HandlerType method, String path, boolean takesImage, Handler handler) {

    public ApiRoute {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(handler, "handler");
    }

    static ApiRoute get(String path, Handler handler) {
        return new ApiRoute(HandlerType.GET, path, false, handler);
    }

    static ApiRoute postImage(String path, Handler handler) {
        return new ApiRoute(HandlerType.POST, path, true, handler);
    }
}
