package org.covidxray.examples.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI 3.1 description of the server's API, written by hand as the class path resource
 * {@value #RESOURCE} and served at {@link WebServer#OPENAPI_PATH}. {@code OpenApiDocumentTest} keeps it
 * complete: every route of {@link WebServer#routes()} and every status of {@link ApiErrorCode}.
 */
public final class OpenApiDocument {
    public static final String RESOURCE = "/org/covidxray/examples/web/openapi.json";
    private static final byte[] BYTES = load();

    private OpenApiDocument() {
    }

    /** The document as served (UTF-8 JSON). */
    public static byte[] bytes() {
        return BYTES.clone();
    }

    private static byte[] load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the class path has no " + RESOURCE + "; the jar is incomplete");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        }
    }
}
