package org.covidxray.examples.web;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UploadedFile;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.io.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server behind {@code covid serve}: the page (static files from the class path, no CDN) and the
 * JSON API of {@code docs/api.md}. Every error is answered with JSON {@code {error, message}}; one bad
 * request never affects the others.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    /** Class path folder of the page (a sub-folder, so that test classes of this package never shadow it). */
    public static final String STATIC_FILES = "/org/covidxray/examples/web/public";
    /** Room for multipart boundaries and part headers around an upload of the maximum size. */
    private static final long MULTIPART_OVERHEAD = 64 * 1024;
    private static final String IMAGE_FIELD = "image";

    private final ImageAnalyzer analyzer;
    private final ServerSettings settings;
    private final AnalysisGate gate;
    private Javalin app;

    public WebServer(ImageAnalyzer analyzer, ServerSettings settings) {
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.gate = new AnalysisGate(settings.maxConcurrent(), settings.queueCapacity(), settings.queueTimeout());
    }

    /** Starts listening; returns this server. */
    public synchronized WebServer start() {
        if (app != null) {
            throw new IllegalStateException("the server is already running");
        }
        long maxUpload = settings.maxUploadBytes();
        Javalin javalin = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = STATIC_FILES;
                files.location = Location.CLASSPATH;
            });
            config.http.maxRequestSize = maxUpload + MULTIPART_OVERHEAD;
            config.jetty.multipartConfig.maxFileSize(maxUpload, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(maxUpload + MULTIPART_OVERHEAD, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(maxUpload + 1, Integer.MAX_VALUE),
                    SizeUnit.BYTES);
        });
        javalin.before(ctx -> {
            ctx.header("X-Content-Type-Options", "nosniff");
            // The page loads nothing from elsewhere; say so, so that a browser refuses it if it ever tried.
            ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' blob: data:; "
                    + "style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'");
        });
        javalin.get("/health", this::health);
        javalin.get("/api/model", this::model);
        javalin.post("/api/predict", this::predict);
        javalin.post("/api/explain", this::explain);
        javalin.exception(ApiException.class, (e, ctx) -> {
            LOG.debug("{} {} refused: {} {}", ctx.method(), ctx.path(), e.status(), e.getMessage());
            if (e.status() == 503) {
                ctx.header("Retry-After", "5");
            }
            ctx.status(e.status()).json(new ApiError(e.error(), e.reason(), e.getMessage()));
        });
        javalin.exception(HttpResponseException.class, (e, ctx) ->
                ctx.status(e.getStatus()).json(standardError(e.getStatus(), e.getMessage())));
        javalin.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(500).json(new ApiError("internal_error", "The server failed on this request ("
                    + e.getClass().getSimpleName() + "). It keeps running; the details are in its log."));
        });
        javalin.error(404, ctx -> ctx.json(new ApiError("not_found", "There is nothing at " + ctx.path()
                + ". The page is at / and the API under /api (see docs/api.md).")));
        javalin.error(405, ctx -> ctx.json(new ApiError("method_not_allowed", ctx.method() + " is not allowed on "
                + ctx.path() + " (see docs/api.md).")));
        javalin.start(settings.host(), settings.port());
        app = javalin;
        return this;
    }

    /** The port the server listens on (the chosen one when started with port 0). */
    public int port() {
        if (app == null) {
            throw new IllegalStateException("the server is not running");
        }
        return app.port();
    }

    /** The address a browser on this machine opens. */
    public String url() {
        String host = settings.host();
        String shown = host.equals("0.0.0.0") || host.equals("127.0.0.1") ? "localhost"
                : host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + port() + "/";
    }

    @Override
    public synchronized void close() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }

    private void health(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("modelId", analyzer.classifier().manifest().modelId());
        body.put("backend", analyzer.classifier().manifest().backend());
        body.put("analysesInFlight", gate.inFlight());
        body.put("disclaimer", Disclaimer.TEXT);
        ctx.json(body);
    }

    private void model(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>(analyzer.describeModel());
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("maxUploadBytes", settings.maxUploadBytes());
        limits.put("maxConcurrentAnalyses", settings.maxConcurrent());
        limits.put("queueCapacity", settings.queueCapacity());
        body.put("limits", limits);
        ctx.json(body);
    }

    private void predict(Context ctx) {
        Upload upload = readUpload(ctx);
        ctx.json(gate.run(() -> analyzer.predict(upload.bytes(), upload.name())));
    }

    private void explain(Context ctx) {
        Upload upload = readUpload(ctx);
        byte[] png = gate.run(() -> analyzer.explain(upload.bytes(), upload.name()));
        ctx.contentType("image/png").result(png);
    }

    private record Upload(byte[] bytes, String name) {
    }

    /** The image of a request: multipart field {@code image}, or the raw body. */
    private Upload readUpload(Context ctx) {
        long max = settings.maxUploadBytes();
        long declared = ctx.req().getContentLengthLong();
        boolean multipart = ctx.isMultipartFormData();
        if (declared > (multipart ? max + MULTIPART_OVERHEAD : max)) {
            throw tooLarge(declared);
        }
        Upload upload = multipart ? readMultipart(ctx, max) : readRaw(ctx, max);
        if (upload.bytes().length == 0) {
            throw new ApiException(400, "empty_upload", "The uploaded image is empty (0 bytes). Choose an image file.");
        }
        return upload;
    }

    private Upload readMultipart(Context ctx, long max) {
        UploadedFile file;
        try {
            file = ctx.uploadedFile(IMAGE_FIELD);
        } catch (RuntimeException e) {
            if (mentionsSizeLimit(e)) {
                throw tooLarge(-1);
            }
            throw new ApiException(400, "bad_multipart", "The multipart request could not be read: "
                    + e.getMessage(), e);
        }
        if (file == null) {
            throw new ApiException(400, "missing_image", "The request has no file field named '" + IMAGE_FIELD
                    + "'. Send the image as multipart field '" + IMAGE_FIELD + "' or as the raw request body.");
        }
        if (file.size() > max) {
            throw tooLarge(file.size());
        }
        String name = file.filename() == null || file.filename().isBlank() ? "upload" : file.filename();
        try (InputStream in = file.content()) {
            return new Upload(readLimited(in, max), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Upload readRaw(Context ctx, long max) {
        try (InputStream in = ctx.bodyInputStream()) {
            return new Upload(readLimited(in, max), "upload");
        } catch (IOException e) {
            throw new ApiException(400, "upload_interrupted", "The upload was interrupted: " + e.getMessage(), e);
        }
    }

    /** Reads at most {@code max} bytes; a longer stream (e.g. chunked, with no declared length) gets 413. */
    private byte[] readLimited(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > max) {
                throw tooLarge(-1);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private ApiException tooLarge(long size) {
        String limit = megabytes(settings.maxUploadBytes());
        return new ApiException(413, "upload_too_large", (size > 0 ? "The upload is " + megabytes(size) + "; "
                : "The upload is too large; ") + "the limit is " + limit + ". Send a smaller image (a chest X-ray "
                + "rarely needs more than a few MB; PNG or JPEG at 1024 px is plenty).");
    }

    private static boolean mentionsSizeLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("exceeds") || m.contains("too large") || m.contains("max")) {
                return true;
            }
        }
        return false;
    }

    private static String megabytes(long bytes) {
        return bytes >= 1024 * 1024 ? String.format(Locale.ROOT, "%.2f MB", bytes / (1024.0 * 1024))
                : String.format(Locale.ROOT, "%d KB", Math.max(1, bytes / 1024));
    }

    private static ApiError standardError(int status, String message) {
        String code = switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "upload_too_large";
            case 415 -> "unsupported_media_type";
            case 503 -> "server_busy";
            default -> "http_" + status;
        };
        return new ApiError(code, message == null || message.isBlank() ? "HTTP " + status : message);
    }
}
