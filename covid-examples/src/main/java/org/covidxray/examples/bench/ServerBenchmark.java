package org.covidxray.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.covidxray.examples.common.ChildJvm;
import org.covidxray.examples.common.UserException;
import org.covidxray.io.AtomicFiles;
import org.covidxray.io.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Abuse that {@code covid serve} must survive, against a server started in a JVM of its own on loopback
 * (so its resident memory is its own), with real X-rays: overload at twice its capacity (it must answer
 * 503 with a JSON body and {@code Retry-After} instead of queueing without bound, and the accepted
 * requests' p95 must stay bounded), 200 idle connections, an upload trickled one byte a second, and a long
 * run of sequential predictions with the server's {@code VmRSS} sampled from {@code /proc/<pid>/status}.
 * Every part stops by itself; the server is stopped at the end. Prints a report.
 */
public final class ServerBenchmark {
    private static final Pattern SERVING = Pattern.compile("at (http://\\S+:(\\d+)/)");
    private static final int TRICKLE_BYTES = 60;

    private ServerBenchmark() {
    }

    /** {@code covid benchmark server [options]}. */
    public static void run(String[] args, PrintWriter out) throws IOException {
        Options o = new Options();
        CommandLine line = new CommandLine(o);
        try {
            line.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new UserException(e.getMessage() + " (see covid benchmark server --help)", e);
        }
        if (line.isUsageHelpRequested()) {
            line.usage(out);
            return;
        }
        if (o.maxConcurrent < 1 || o.queue < 0 || o.sampleEvery < 1 || o.imageCount < 1 || o.overloadSeconds < 0
                || o.idleConnections < 0 || o.predictions < 0) {
            throw new UserException("--max-concurrent, --sample-every and --image-count must be at least 1, and "
                    + "--queue, --overload-seconds, --idle-connections and --predictions at least 0");
        }
        List<byte[]> images = loadImages(o.images, o.imageCount);
        out.printf(Locale.ROOT, "Server benchmark, %s, %d cores, load average before: %s%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), loadAverage());
        out.printf(Locale.ROOT, "Images: %d from %s; server: --max-concurrent %d --queue %d%s%n", images.size(),
                o.images, o.maxConcurrent, o.queue, o.model == null ? " (bundled model)" : " --model " + o.model);
        out.flush();
        try (ChildServer server = ChildServer.start(o)) {
            Client client = new Client(server.port);
            warmUp(client, images, out);
            if (o.overloadSeconds > 0) {
                overload(client, images, o, out);
            }
            if (o.idleConnections > 0) {
                idleConnections(client, images, server.port, o.idleConnections, out);
            }
            if (!o.skipTrickle) {
                trickle(client, images, server.port, out);
            }
            if (o.predictions > 0) {
                memory(client, images, server, o, out);
            }
            out.printf(Locale.ROOT, "Load average after: %s%n", loadAverage());
            out.flush();
        }
    }

    /** Sequential predictions to warm the JIT; prints their latency after the first ten. */
    private static void warmUp(Client client, List<byte[]> images, PrintWriter out) {
        double[] ms = new double[30];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            client.expectOk(client.predict(images.get(i % images.size())));
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        double[] timed = Arrays.copyOfRange(ms, 10, ms.length);
        Arrays.sort(timed);
        double median = percentile(timed, 0.5);
        out.printf(Locale.ROOT, "%nWarm-up: %d sequential predictions; service time after warm-up p50 %.1f ms, p95 %.1f ms%n",
                ms.length, median, percentile(timed, 0.95));
        out.flush();
    }

    private static void overload(Client client, List<byte[]> images, Options o, PrintWriter out) {
        int capacity = o.maxConcurrent + o.queue;
        int clients = 2 * capacity;
        long begin = System.nanoTime();
        long end = begin + TimeUnit.SECONDS.toNanos(o.overloadSeconds);
        List<double[]> ok = Collections.synchronizedList(new ArrayList<>()); // {seconds since begin, ms}
        List<Double> busyMs = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger other = new AtomicInteger();
        AtomicInteger badBusy = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int offset = c;
            pool.execute(() -> {
                try {
                    for (int i = offset; System.nanoTime() < end; i += clients) {
                        long start = System.nanoTime();
                        HttpResponse<byte[]> r;
                        try {
                            r = client.predict(images.get(i % images.size()));
                        } catch (UncheckedIOException e) {
                            failed.incrementAndGet();
                            continue;
                        }
                        double ms = (System.nanoTime() - start) / 1e6;
                        if (r.statusCode() == 200) {
                            ok.add(new double[] {(start - begin) / 1e9, ms});
                        } else if (r.statusCode() == 503) {
                            busyMs.add(ms);
                            if (!isBusyAnswer(r)) {
                                badBusy.incrementAndGet();
                            }
                        } else {
                            other.incrementAndGet();
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        try {
            done.await(o.overloadSeconds + 120L, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
        List<double[]> accepted;
        synchronized (ok) {
            accepted = new ArrayList<>(ok);
        }
        double[] okMs = sorted(accepted.stream().map(a -> a[1]).toList());
        double[] busy = sorted(busyMs);
        out.printf(Locale.ROOT, "%nOverload: %d s, %d closed-loop clients = 2 x capacity (%d running + %d queued), no back-off%n",
                o.overloadSeconds, clients, o.maxConcurrent, o.queue);
        out.println("| answer | count | per s | p50 ms | p95 ms | max ms |");
        out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        row(out, "200 accepted", okMs, o.overloadSeconds);
        row(out, "503 server_busy", busy, o.overloadSeconds);
        out.printf(Locale.ROOT, "503 answers without a JSON server_busy body or Retry-After: %d; other statuses: %d; "
                + "connection failures: %d%n", badBusy.get(), other.get(), failed.get());
        double rate = okMs.length / (double) o.overloadSeconds;
        out.printf(Locale.ROOT, "At most %d analyses are admitted at once; at %.1f accepted/s Little's law puts their mean "
                + "time in the gate at <= %.0f ms (measured mean latency %.0f ms, which adds reading the upload and "
                + "writing the answer). Accepted p95 by start time, to show it does not grow:%n",
                capacity, rate, 1000 * capacity / rate, Arrays.stream(okMs).average().orElse(Double.NaN));
        int window = Math.max(1, o.overloadSeconds / 4);
        StringBuilder windows = new StringBuilder();
        for (int from = 0; from < o.overloadSeconds; from += window) {
            int f = from;
            double[] in = sorted(accepted.stream().filter(a -> a[0] >= f && a[0] < f + window).map(a -> a[1]).toList());
            windows.append(String.format(Locale.ROOT, "%s%d-%d s: %d accepted, p95 %s ms", windows.length() == 0 ? "" : "; ",
                    from, Math.min(o.overloadSeconds, from + window), in.length, format(in, 0.95)));
        }
        out.println(windows);
        out.flush();
    }

    private static void idleConnections(Client client, List<byte[]> images, int port, int count, PrintWriter out)
            throws IOException {
        List<Socket> idle = new ArrayList<>();
        double[] before = latencies(client, images, 20);
        try {
            for (int i = 0; i < count; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                if (i % 2 == 1) {
                    socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                }
                idle.add(socket);
            }
            double[] during = latencies(client, images, 20);
            out.printf(Locale.ROOT, "%nIdle connections: %d open (half with unfinished headers); 20 sequential predictions "
                    + "p50 %.1f ms / p95 %.1f ms before, p50 %.1f ms / p95 %.1f ms while they are open%n", count,
                    percentile(before, 0.5), percentile(before, 0.95), percentile(during, 0.5), percentile(during, 0.95));
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
        out.flush();
    }

    private static void trickle(Client client, List<byte[]> images, int port, PrintWriter out) throws IOException {
        byte[] body = images.get(0);
        try (Socket slow = new Socket()) {
            slow.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            slow.setSoTimeout((TRICKLE_BYTES + 30) * 1000);
            OutputStream o = slow.getOutputStream();
            o.write(("POST /api/predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            o.flush();
            long start = System.nanoTime();
            CompletableFuture<Integer> sent = CompletableFuture.supplyAsync(() -> {
                int n = 0;
                try {
                    for (; n < Math.min(TRICKLE_BYTES, body.length); n++) {
                        o.write(body[n]);
                        o.flush();
                        Thread.sleep(1000);
                    }
                } catch (IOException e) {
                    return n;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return n;
            });
            double[] meanwhile = latencies(client, images, 5);
            String answer = readAll(slow.getInputStream());
            double seconds = (System.nanoTime() - start) / 1e9;
            String status = answer.isEmpty() ? "(closed without an answer)" : answer.lines().findFirst().orElse("");
            out.printf(Locale.ROOT, "%nTrickled upload (1 byte/s of a %d-byte body): answered '%s' and closed after %.1f s; "
                    + "5 predictions meanwhile p50 %.1f ms, all 200%n", body.length, status, seconds,
                    percentile(meanwhile, 0.5));
            sent.cancel(true);
        }
        out.flush();
    }

    private static void memory(Client client, List<byte[]> images, ChildServer server, Options o, PrintWriter out) {
        List<long[]> curve = new ArrayList<>();
        curve.add(new long[] {0, ChildJvm.statusKb(server.pid, "VmRSS")});
        long start = System.nanoTime();
        for (int i = 1; i <= o.predictions; i++) {
            client.expectOk(client.predict(images.get(i % images.size())));
            if (i % o.sampleEvery == 0) {
                curve.add(new long[] {i, ChildJvm.statusKb(server.pid, "VmRSS")});
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "%nMemory: %d sequential predictions in %.0f s (%.1f per s); server VmRSS every %d%n",
                o.predictions, seconds, o.predictions / seconds, o.sampleEvery);
        out.println("| predictions | VmRSS MB |");
        out.println("| ---: | ---: |");
        StringBuilder csv = new StringBuilder("predictions,vmrss_kb\n");
        for (long[] point : curve) {
            out.printf(Locale.ROOT, "| %d | %.0f |%n", point[0], point[1] / 1024.0);
            csv.append(point[0]).append(',').append(point[1]).append('\n');
        }
        // after the first tenth (heap and JIT warm-up): the range, and the least-squares slope
        List<long[]> settled = curve.stream().filter(p -> p[0] >= o.predictions / 10).toList();
        double meanX = settled.stream().mapToLong(p -> p[0]).average().orElse(0);
        double meanY = settled.stream().mapToLong(p -> p[1]).average().orElse(0);
        double sxy = settled.stream().mapToDouble(p -> (p[0] - meanX) * (p[1] - meanY)).sum();
        double sxx = settled.stream().mapToDouble(p -> (p[0] - meanX) * (p[0] - meanX)).sum();
        out.printf(Locale.ROOT, "From prediction %d on: VmRSS %.0f-%.0f MB, least-squares slope %+.2f MB per 1000 "
                + "predictions; peak VmHWM %.0f MB%n", o.predictions / 10,
                settled.stream().mapToLong(p -> p[1]).min().orElse(0) / 1024.0,
                settled.stream().mapToLong(p -> p[1]).max().orElse(0) / 1024.0,
                sxx == 0 ? 0 : sxy / sxx * 1000 / 1024.0, ChildJvm.statusKb(server.pid, "VmHWM") / 1024.0);
        if (o.curveCsv != null) {
            AtomicFiles.write(o.curveCsv, csv.toString().getBytes(StandardCharsets.UTF_8));
            out.println("Curve written to " + o.curveCsv);
        }
        out.flush();
    }

    private static double[] latencies(Client client, List<byte[]> images, int n) {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            client.expectOk(client.predict(images.get(i % images.size())));
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static boolean isBusyAnswer(HttpResponse<byte[]> r) {
        if (r.headers().firstValue("Retry-After").isEmpty()) {
            return false;
        }
        try {
            return Json.mapper().readTree(r.body()).path("error").asText().equals("server_busy");
        } catch (IOException e) {
            return false;
        }
    }

    private static void row(PrintWriter out, String name, double[] ms, int seconds) {
        out.printf(Locale.ROOT, "| %s | %d | %.1f | %s | %s | %s |%n", name, ms.length, ms.length / (double) seconds,
                format(ms, 0.5), format(ms, 0.95), format(ms, 1.0));
    }

    private static String format(double[] sorted, double q) {
        return sorted.length == 0 ? "-" : String.format(Locale.ROOT, "%.0f", percentile(sorted, q));
    }

    private static double[] sorted(List<Double> values) {
        double[] a;
        synchronized (values) {
            a = values.stream().mapToDouble(Double::doubleValue).toArray();
        }
        Arrays.sort(a);
        return a;
    }

    private static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
    }

    private static String readAll(InputStream in) {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (SocketTimeoutException e) {
            text.append("(no answer: the server kept the connection open)");
        } catch (IOException e) {
            // reset after the answer
        }
        return text.toString();
    }

    /** The 1, 5 and 15 minute load averages, as {@code uptime} shows them. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static List<byte[]> loadImages(Path folder, int count) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new UserException("--images " + folder + " is not a folder; point it at a folder of X-ray images "
                    + "(default ../shared/data/nih-chestxray14-adult/images, run from the project root)");
        }
        List<byte[]> images = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("(?i).*\\.(png|jpe?g)")).sorted()
                    .limit(count).toList()) {
                images.add(Files.readAllBytes(file));
            }
        }
        if (images.isEmpty()) {
            throw new UserException("--images " + folder + " holds no .png or .jpg files");
        }
        return images;
    }

    /** {@code covid serve} in a JVM of its own on a free loopback port. */
    private static final class ChildServer implements AutoCloseable {
        final Process process;
        final long pid;
        final int port;

        private ChildServer(Process process, int port) {
            this.process = process;
            this.pid = process.pid();
            this.port = port;
        }

        static ChildServer start(Options o) throws IOException {
            try {
                Class.forName(o.covidMain);
            } catch (ClassNotFoundException e) {
                throw new UserException("--covid-main " + o.covidMain + " is not on the class path; it must be the "
                        + "covid command's main class, whose 'serve' starts the server", e);
            }
            List<String> command = ChildJvm.command(o.covidMain);
            command.addAll(List.of("serve", "--host", "127.0.0.1", "--port", "0", "--max-concurrent",
                    String.valueOf(o.maxConcurrent), "--queue", String.valueOf(o.queue)));
            if (o.model != null) {
                command.addAll(List.of("--model", o.model.toString()));
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            CompletableFuture<Integer> port = new CompletableFuture<>();
            Deque<String> tail = new ArrayDeque<>();
            Thread reader = new Thread(() -> {
                try {
                    for (String l = lines.readLine(); l != null; l = lines.readLine()) {
                        synchronized (tail) {
                            tail.addLast(l);
                            if (tail.size() > 40) {
                                tail.removeFirst();
                            }
                        }
                        Matcher m = SERVING.matcher(l);
                        if (!port.isDone() && m.find()) {
                            port.complete(Integer.parseInt(m.group(2)));
                        }
                    }
                } catch (IOException e) {
                    // the server ended
                }
                port.completeExceptionally(new IllegalStateException("the server ended before it listened"));
            }, "server-output");
            reader.setDaemon(true);
            reader.start();
            try {
                return new ChildServer(process, port.get(5, TimeUnit.MINUTES));
            } catch (Exception e) {
                process.destroyForcibly();
                String output;
                synchronized (tail) {
                    output = String.join("\n", tail);
                }
                throw new UserException("The server did not start: " + e.getMessage() + "\n" + output, e);
            }
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Raw-body requests to the server on loopback. */
    private static final class Client {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        private final URI predict;

        Client(int port) {
            this.predict = URI.create("http://127.0.0.1:" + port + "/api/predict");
        }

        HttpResponse<byte[]> predict(byte[] image) {
            HttpRequest request = HttpRequest.newBuilder(predict).timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(image)).build();
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        void expectOk(HttpResponse<byte[]> r) {
            if (r.statusCode() != 200) {
                JsonNode body;
                try {
                    body = Json.mapper().readTree(r.body());
                } catch (IOException e) {
                    body = null;
                }
                throw new IllegalStateException("the server answered " + r.statusCode() + " to a sequential prediction: "
                        + (body == null ? "" : body.path("message").asText()));
            }
        }
    }

    /** The benchmark's options (picocli). */
    @Command(name = "covid benchmark server", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Abuse covid serve survives: overload, idle connections, a trickled upload, long runs.",
                    "Starts the server in a JVM of its own on 127.0.0.1 and sends only there."})
    static final class Options {
        @Option(names = "--model", description = "Model bundle to serve (default: the bundled model).")
        Path model;

        @Option(names = "--images", defaultValue = "../shared/data/nih-chestxray14-adult/images",
                description = "Folder of real X-rays to send (default: ${DEFAULT-VALUE}).")
        Path images;

        @Option(names = "--image-count", defaultValue = "50", description = "Images read from it (default: ${DEFAULT-VALUE}).")
        int imageCount;

        @Option(names = "--max-concurrent", defaultValue = "2",
                description = "Server analysis slots (default: ${DEFAULT-VALUE}).")
        int maxConcurrent;

        @Option(names = "--queue", defaultValue = "4", description = "Server queue places (default: ${DEFAULT-VALUE}).")
        int queue;

        @Option(names = "--overload-seconds", defaultValue = "20",
                description = "Seconds at twice the capacity; 0 skips (default: ${DEFAULT-VALUE}).")
        int overloadSeconds;

        @Option(names = "--idle-connections", defaultValue = "200",
                description = "Idle connections held open; 0 skips (default: ${DEFAULT-VALUE}).")
        int idleConnections;

        @Option(names = "--skip-trickle", description = "Do not trickle an upload at 1 byte/s.")
        boolean skipTrickle;

        @Option(names = "--predictions", defaultValue = "10000",
                description = "Sequential predictions watched for memory growth; 0 skips (default: ${DEFAULT-VALUE}).")
        int predictions;

        @Option(names = "--sample-every", defaultValue = "500",
                description = "Sample the server's VmRSS every N predictions (default: ${DEFAULT-VALUE}).")
        int sampleEvery;

        @Option(names = "--curve-csv", description = "Also write the memory curve to this CSV file.")
        Path curveCsv;

        // a name, not a class reference: the programs do not know the root command that registers them
        @Option(names = "--covid-main", defaultValue = "org.covidxray.examples.CovidCommand",
                description = "Main class whose 'serve' command the server JVM runs (default: ${DEFAULT-VALUE}).")
        String covidMain;
    }
}
