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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.io.Json;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server behind {@code covid serve}: the page (static files from the class path, no CDN) and the
 * JSON API of {@code docs/api.md}, described by {@code /openapi.json}. Every error is answered with JSON
 * {@code {error, message}} and one of the {@link ApiErrorCode}s; one bad request never affects the others.
 * Analyses are admitted through an {@link AnalysisGate} (a fixed number run, a small queue waits, the rest
 * get 503 with {@code Retry-After}); slow, idle and surplus connections are bounded by Jetty's own settings
 * ({@link ServerSettings}).
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    /** Class path folder of the page (a sub-folder, so that test classes of this package never shadow it). */
    public static final String STATIC_FILES = "/org/covidxray/examples/web/public";
    /** Room for multipart boundaries and part headers around an upload of the maximum size. */
    private static final long MULTIPART_OVERHEAD = 64 * 1024;
    private static final String IMAGE_FIELD = "image";
    /** Where the OpenAPI 3.1 description of the API is served. */
    public static final String OPENAPI_PATH = "/openapi.json";
    /** Seconds a client is asked to wait after 503 (header {@code Retry-After}). */
    static final String RETRY_AFTER_SECONDS = "5";

    private final ImageAnalyzer analyzer;
    private final ServerSettings settings;
    private final AnalysisGate gate;
    private Javalin app;

    public WebServer(ImageAnalyzer analyzer, ServerSettings settings) {
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.gate = new AnalysisGate(settings.maxConcurrent(), settings.queueCapacity(), settings.queueTimeout());
    }

    /**
     * The routes this server registers, and nothing else: {@code /openapi.json} describes each of them
     * ({@code OpenApiDocumentTest} checks it).
     */
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/health", this::health),
                ApiRoute.get("/api/model", this::model),
                ApiRoute.get(OPENAPI_PATH, this::openApi),
                ApiRoute.postImage("/api/predict", this::predict),
                ApiRoute.postImage("/api/preview", this::preview),
                ApiRoute.postImage("/api/explain", this::explain));
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
            // GET /api/predict is "wrong method" (405), not "nothing here" (404)
            config.http.prefer405over404 = true;
            config.jetty.multipartConfig.maxFileSize(maxUpload, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(maxUpload + MULTIPART_OVERHEAD, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(maxUpload + 1, Integer.MAX_VALUE),
                    SizeUnit.BYTES);
            // Slow and idle clients are Jetty's job: its minimum request data rate cuts off a trickled body
            // (408), its connector idle timeout closes connections on which nothing arrives, and its
            // connection limit stops accepting beyond a bound.
            config.jetty.modifyHttpConfiguration(http -> http.setMinRequestDataRate(settings.minUploadBytesPerSecond()));
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(settings.host());
                connector.setPort(settings.port());
                connector.setIdleTimeout(settings.idleTimeout().toMillis());
                return connector;
            });
            config.jetty.modifyServer(server -> server.addBean(new ConnectionLimit(settings.maxConnections(), server)));
        });
        javalin.before(ctx -> {
            ctx.header("X-Content-Type-Options", "nosniff");
            // The page loads nothing from elsewhere; say so, so that a browser refuses it if it ever tried.
            ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' blob: data:; "
                    + "style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'");
        });
        for (ApiRoute route : routes()) {
            javalin.addHttpHandler(route.method(), route.path(), route.handler());
        }
        javalin.exception(ApiException.class, (e, ctx) -> {
            LOG.debug("{} {} refused: {} {}", ctx.method(), ctx.path(), e.status(), e.getMessage());
            if (e.code() == ApiErrorCode.SERVER_BUSY) {
                ctx.header("Retry-After", RETRY_AFTER_SECONDS);
            }
            ctx.status(e.status()).json(e.body());
        });
        javalin.exception(HttpResponseException.class, (e, ctx) -> {
            ApiErrorCode code = ApiErrorCode.forStatus(e.getStatus());
            if (code.status() != e.getStatus()) {
                LOG.warn("{} {}: Javalin answered {}, which this server does not expect; sent as {}", ctx.method(),
                        ctx.path(), e.getStatus(), code.status(), e);
            }
            String message = e.getMessage() == null || e.getMessage().isBlank() ? "HTTP " + e.getStatus() : e.getMessage();
            ctx.status(code.status()).json(new ApiError(code.code(), message));
        });
        javalin.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(ApiErrorCode.INTERNAL_ERROR.status()).json(new ApiError(ApiErrorCode.INTERNAL_ERROR.code(),
                    "The server failed on this request (" + e.getClass().getSimpleName()
                    + "). It keeps running; the details are in its log."));
        });
        javalin.error(404, ctx -> ctx.json(new ApiError(ApiErrorCode.NOT_FOUND.code(), "There is nothing at "
                + ctx.path() + ". The page is at / and the API under /api (see " + OPENAPI_PATH + ").")));
        javalin.error(405, ctx -> ctx.json(new ApiError(ApiErrorCode.METHOD_NOT_ALLOWED.code(), ctx.method()
                + " is not allowed on " + ctx.path() + " (see " + OPENAPI_PATH + ").")));
        javalin.start();
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
        limits.put("idleTimeoutSeconds", settings.idleTimeout().toMillis() / 1000.0);
        limits.put("minUploadBytesPerSecond", settings.minUploadBytesPerSecond());
        limits.put("maxConnections", settings.maxConnections());
        body.put("limits", limits);
        ctx.json(body);
    }

    private void predict(Context ctx) {
        Upload upload = readUpload(ctx);
        ctx.json(gate.run(() -> analyzer.predict(upload.bytes(), upload.name())));
    }

    private void preview(Context ctx) {
        Upload upload = readUpload(ctx);
        byte[] png = gate.run(() -> analyzer.modelInputPng(upload.bytes(), upload.name()));
        ctx.contentType("image/png").result(png);
    }

    private void openApi(Context ctx) {
        ctx.contentType("application/json").result(OpenApiDocument.bytes());
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
            throw new ApiException(ApiErrorCode.EMPTY_UPLOAD, "The uploaded image is empty (0 bytes). Choose an image file.");
        }
        return upload;
    }

    private Upload readMultipart(Context ctx, long max) {
        UploadedFile file;
        try {
            file = ctx.uploadedFile(IMAGE_FIELD);
        } catch (RuntimeException e) {
            if (tooSlow(e)) {
                throw uploadTooSlow(e);
            }
            if (mentionsSizeLimit(e)) {
                throw tooLarge(-1);
            }
            throw new ApiException(ApiErrorCode.BAD_MULTIPART, "The multipart request could not be read: "
                    + e.getMessage(), e);
        }
        if (file == null) {
            throw new ApiException(ApiErrorCode.MISSING_IMAGE, "The request has no file field named '" + IMAGE_FIELD
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
        } catch (RuntimeException e) {
            if (tooSlow(e)) {
                throw uploadTooSlow(e);
            }
            throw e;
        } catch (IOException e) {
            throw new ApiException(ApiErrorCode.UPLOAD_INTERRUPTED, "The upload was interrupted: " + e.getMessage(), e);
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
        return new ApiException(ApiErrorCode.UPLOAD_TOO_LARGE, (size > 0 ? "The upload is " + megabytes(size) + "; "
                : "The upload is too large; ") + "the limit is " + limit + ". Send a smaller image (a chest X-ray "
                + "rarely needs more than a few MB; PNG or JPEG at 1024 px is plenty).");
    }

    /** Jetty's minimum request data rate failed while reading the body (it says 408). */
    private static boolean tooSlow(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BadMessageException bad && bad.getCode() == ApiErrorCode.UPLOAD_TOO_SLOW.status()) {
                return true;
            }
        }
        return false;
    }

    private ApiException uploadTooSlow(Throwable e) {
        return new ApiException(ApiErrorCode.UPLOAD_TOO_SLOW, "The upload arrived slower than "
                + settings.minUploadBytesPerSecond() + " bytes per second on average, so the server stopped "
                + "waiting for it. Send the whole file at once over a working connection.", e);
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
}
