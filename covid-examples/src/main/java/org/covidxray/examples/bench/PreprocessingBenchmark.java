package org.covidxray.examples.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.covidxray.examples.common.ExitCodes;
import org.covidxray.examples.common.UserException;
import org.covidxray.image.GrayImage;
import org.covidxray.image.ImageDecoder;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.image.Preprocessor;
import org.covidxray.io.PngEncoder;

/**
 * Decode + preprocess throughput on one thread, per stage: decode (ImageIO + TwelveMonkeys), gray
 * conversion, and resize + normalisation to the network input. Files are read into memory first,
 * so disk speed is not measured. Each case runs once untimed to warm up the JIT, then three timed
 * rounds of which the fastest is reported (the least disturbed by other processes). Times
 * are the benchmark thread's CPU time, not wall-clock time, so other processes competing for the
 * cores do not inflate them; images per second is therefore what one dedicated core achieves.
 *
 * <p>Usage: {@code PreprocessingBenchmark [sharedDataFolder] [outputSize]} (defaults
 * {@code ../shared/data} and 224).
 */
public final class PreprocessingBenchmark {

    /** What to measure: the encoded files, and how often to go through them. */
    public record Case(String name, List<Path> files, int repeats) {
        public Case {
            files = List.copyOf(files);
        }
    }

    /** One measured case; times are milliseconds per image. */
    public record Row(String name, int files, int images, String sourceSize, double decodeMs, double grayMs,
                      double resizeMs, double imagesPerSecond) {
    }

    private static final int ROUNDS = 3;

    private PreprocessingBenchmark() {
    }

    /**
     * The standard cases on the shared data: 500 Kermany 224 px JPEGs, the NIH PNG 50 times, the
     * large Cohen JPEG from the formats folder 10 times, and the RSNA DICOM file 50 times beside a PNG
     * of the same pixels. Cases whose files are absent are left out.
     */
    public static List<Case> standardCases(Path sharedData) {
        List<Case> cases = new ArrayList<>();
        Path kermany = sharedData.resolve("kaggle-pneumonia/train/NORMAL");
        if (Files.isDirectory(kermany)) {
            try (Stream<Path> files = Files.list(kermany)) {
                cases.add(new Case("Kermany JPEG (train/NORMAL)", files.sorted().limit(500).toList(), 1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path nih = sharedData.resolve("formats/00000001_000.png");
        if (Files.exists(nih)) {
            cases.add(new Case("NIH ChestX-ray14 PNG", List.of(nih), 50));
        }
        Path large = sharedData.resolve("formats/covid-19-pneumonia-58-prior.jpg");
        if (Files.exists(large)) {
            cases.add(new Case("Cohen large JPEG", List.of(large), 10));
        }
        Path formats = sharedData.resolve("formats");
        if (Files.isDirectory(formats)) {
            try (Stream<Path> files = Files.list(formats)) {
                files.filter(p -> p.toString().endsWith(".dcm")).sorted().findFirst().ifPresent(dicom -> {
                    cases.add(new Case("RSNA DICOM (JPEG baseline)", List.of(dicom), 50));
                    cases.add(new Case("the same pixels as an 8-bit gray PNG", List.of(sameSizePng(dicom)), 50));
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cases;
    }

    /**
     * The JPEG a DICOM file holds, re-encoded as an 8-bit gray PNG in a temporary file (deleted when the
     * JVM exits): the same size and pixels, to compare the DICOM path with a plain PNG.
     */
    private static Path sameSizePng(Path dicom) {
        try {
            byte[] bytes = Files.readAllBytes(dicom);
            int soi = 0;
            while (soi + 2 < bytes.length && !((bytes[soi] & 0xff) == 0xFF && (bytes[soi + 1] & 0xff) == 0xD8
                    && (bytes[soi + 2] & 0xff) == 0xFF)) {
                soi++;
            }
            BufferedImage embedded = ImageDecoder.decode(java.util.Arrays.copyOfRange(bytes, soi, bytes.length),
                    dicom + " (embedded JPEG)", PreprocessingConfig.DEFAULT_MAX_PIXELS);
            Path png = Files.createTempFile("rsna-same-size", ".png");
            png.toFile().deleteOnExit();
            Files.write(png, PngEncoder.encode(embedded));
            return png;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Measures every case at output size {@code size} (stretched, default normalisation). */
    public static List<Row> run(List<Case> cases, int size) {
        Preprocessor preprocessor = new Preprocessor(PreprocessingConfig.defaults(size));
        List<Row> rows = new ArrayList<>();
        for (Case c : cases) {
            List<byte[]> encoded = new ArrayList<>();
            for (Path file : c.files()) {
                try {
                    encoded.add(Files.readAllBytes(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            measure(c, encoded, preprocessor, c.repeats());
            Row best = null;
            for (int round = 0; round < ROUNDS; round++) {
                Row row = measure(c, encoded, preprocessor, c.repeats());
                best = best == null || row.imagesPerSecond() > best.imagesPerSecond() ? row : best;
            }
            rows.add(best);
        }
        return rows;
    }

    private static Row measure(Case c, List<byte[]> encoded, Preprocessor preprocessor, int repeats) {
        long decode = 0;
        long gray = 0;
        long resize = 0;
        int images = 0;
        String sourceSize = "";
        long maxPixels = preprocessor.config().maxPixels();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < repeats; r++) {
            for (int i = 0; i < encoded.size(); i++) {
                long t0 = threads.getCurrentThreadCpuTime();
                BufferedImage image = ImageDecoder.decode(encoded.get(i), c.files().get(i).toString(), maxPixels);
                long t1 = threads.getCurrentThreadCpuTime();
                GrayImage g = GrayImage.of(image);
                long t2 = threads.getCurrentThreadCpuTime();
                preprocessor.apply(g);
                long t3 = threads.getCurrentThreadCpuTime();
                decode += t1 - t0;
                gray += t2 - t1;
                resize += t3 - t2;
                images++;
                sourceSize = image.getWidth() + "x" + image.getHeight();
            }
        }
        double total = (decode + gray + resize) / 1e9;
        return new Row(c.name(), encoded.size(), images, encoded.size() == 1 ? sourceSize : "e.g. " + sourceSize,
                decode / 1e6 / images, gray / 1e6 / images, resize / 1e6 / images, images / total);
    }

    /** The rows as a Markdown table. */
    public static String table(List<Row> rows, int size) {
        StringBuilder out = new StringBuilder();
        out.append("| case | files | images | source px | decode ms/img | gray ms/img | resize+normalise to ")
                .append(size).append(" ms/img | images/s |\n");
        out.append("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |\n");
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %.2f | %.2f | %.2f | %.1f |%n", r.name(),
                    r.files(), r.images(), r.sourceSize(), r.decodeMs(), r.grayMs(), r.resizeMs(), r.imagesPerSecond()));
        }
        return out.toString();
    }

    /** Prints the table for the shared data; exits with 2 when there are no images to time. */
    public static void main(String[] args) {
        try {
            run(args, new PrintWriter(System.out, true));
        } catch (UserException e) {
            System.err.println(e.getMessage());
            System.exit(ExitCodes.USER_ERROR);
        }
    }

    /**
     * The benchmark as {@code covid benchmark preprocessing [sharedDataFolder] [outputSize]} runs it: prints
     * the table to {@code out}; no images, or a size that is not a number, is the user's mistake.
     */
    public static void run(String[] args, PrintWriter out) {
        Path shared = Paths.get(args.length > 0 ? args[0] : "../shared/data");
        int size;
        try {
            size = args.length > 1 ? Integer.parseInt(args[1]) : 224;
        } catch (NumberFormatException e) {
            throw new UserException("The output size must be a whole number of pixels, not '" + args[1] + "'.");
        }
        List<Case> cases = standardCases(shared);
        if (cases.isEmpty()) {
            throw new UserException("No benchmark images under " + shared.toAbsolutePath()
                    + "; pass the shared data folder as the first argument.");
        }
        out.print(table(run(cases, size), size));
        out.flush();
    }
}
