package org.covidxray.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.covidxray.batch.BatchCsv;
import org.covidxray.batch.BatchImage;
import org.covidxray.batch.BatchPredictor;
import org.covidxray.batch.BatchRow;
import org.covidxray.batch.BatchSummary;
import org.covidxray.batch.ImageListing;
import org.covidxray.evaluation.DatasetPredictor;
import org.covidxray.examples.common.ErrorHandlers;
import org.covidxray.examples.common.ExitCodes;
import org.covidxray.examples.common.UserException;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.examples.options.JsonOutputOption;
import org.covidxray.examples.options.ModelOptions;
import org.covidxray.gate.DistributionCheck;
import org.covidxray.image.DecodedImage;
import org.covidxray.image.ImageFormats;
import org.covidxray.io.Json;
import org.covidxray.model.Classifier;
import org.covidxray.model.DecisionRule;
import org.covidxray.model.Prediction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code covid predict}: images, folders (walked recursively) or a CSV list of images; one line per image
 * (file, class, probabilities, and a fourth column when the image lies outside what the model was trained
 * on, and a fifth when a DICOM file names a lateral view), one JSON document, or with {@code --out} a CSV
 * file of every image (with the file's {@code view}) that {@code covid metrics --csv} reads. An image that
 * cannot be read, or that the input gate refuses as not a chest radiograph the model can judge, is reported
 * on its own line (or row) and the others are still classified; the exit code is then 2. The predicting
 * is {@link BatchPredictor}'s; this class only parses and prints.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Classify chest X-ray images, folders of them (recursively) or a CSV list: one line per image, "
                + "--json, or --out FILE.csv for whole archives. Images that are not a chest radiograph the model "
                + "can judge are refused; images far from its training data, and lateral DICOM views, are flagged.",
                "Research software, not a diagnostic device."})
public final class PredictCommand implements Callable<Integer> {
    static final String LATERAL_TEXT = "lateral view: the model was trained on frontal (PA/AP) films";

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Parameters(paramLabel = "FILE|FOLDER", arity = "0..*",
            description = "Images (PNG, JPEG, BMP, DICOM), or folders searched recursively for them.")
    List<Path> files = List.of();

    @Option(names = "--list", paramLabel = "CSV", description = "A CSV list of images: column 'path' (relative "
            + "paths are against the list's folder), optional 'label' and 'patient' columns (kept in --out, so that "
            + "'covid metrics --csv' evaluates it).")
    Path list;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Write one row per image to this CSV file "
            + "(path, label, patient, predicted, p_<class>..., decision, gate, feature_distance, view, error) instead "
            + "of printing one line per image. Written atomically.")
    Path outFile;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + DatasetPredictor.DEFAULT_BATCH,
            description = "Images decoded and predicted together (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--log-every", paramLabel = "N", defaultValue = "1000",
            description = "With --out and no terminal: a progress line once N more images are done, checked after "
                    + "each batch (default: ${DEFAULT-VALUE}).")
    int logEvery;

    @Mixin
    JsonOutputOption jsonOption;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean json = jsonOption.json();
        if (outFile != null && json) {
            throw new UserException("Give either --out or --json, not both.");
        }
        if (batchSize < 1) {
            throw new UserException("--batch-size must be at least 1, was " + batchSize + ".");
        }
        if (logEvery < 1) {
            throw new UserException("--log-every must be at least 1, was " + logEvery + ".");
        }
        List<BatchImage> images = images();
        try (Classifier classifier = modelOptions.load(err)) {
            BatchPredictor.Builder predictor = BatchPredictor.builder().setClassifier(classifier)
                    .optChunkSize(batchSize);
            if (!json) {
                err.println(Disclaimer.TEXT);
                if (!classifier.supportsFeatures() || classifier.manifest().inputGate() == null) {
                    err.println(DistributionCheck.unknown(classifier).message());
                }
                err.flush();
            }
            if (outFile != null) {
                return toCsv(classifier, predictor, images, out, err);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            BatchSummary summary = predictor.build().run(images, row -> {
                if (json) {
                    rows.add(jsonRow(row, classifier));
                } else {
                    printLine(row, classifier, out, err);
                }
            });
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("modelId", classifier.manifest().modelId());
                doc.put("model", modelOptions.describe());
                doc.put("decision", classifier.decisionRule().toMap());
                doc.put("predictions", rows);
                doc.put("disclaimer", Disclaimer.TEXT);
                out.println(Json.write(doc));
            }
            return summary.predicted() == summary.images() ? ExitCodes.OK : ExitCodes.USER_ERROR;
        }
    }

    private List<BatchImage> images() {
        if (files.isEmpty() && list == null) {
            throw new UserException("Name the images: files or folders, or --list CSV.");
        }
        List<BatchImage> images = new ArrayList<>();
        files.forEach(f -> images.addAll(ImageListing.fileOrFolder(f)));
        if (list != null) {
            images.addAll(ImageListing.csv(list));
        }
        if (images.isEmpty()) {
            throw new UserException("There are no images (" + String.join(", ", ImageFormats.EXTENSIONS)
                    + ") in " + files + (list == null ? "" : " or " + list) + ".");
        }
        return images;
    }

    private int toCsv(Classifier classifier, BatchPredictor.Builder predictor, List<BatchImage> images,
                      PrintWriter out, PrintWriter err) {
        BatchSummary[] summary = new BatchSummary[1];
        try (BatchProgress progress = new BatchProgress(err, System.console() != null, logEvery)) {
            BatchPredictor batch = predictor.optProgress(progress).build();
            DecisionRule rule = classifier.decisionRule();
            BatchCsv.write(outFile, classifier.classNames(), rule, sink -> summary[0] = batch.run(images, sink));
        }
        BatchSummary s = summary[0];
        out.printf(Locale.ROOT, "Wrote %s: %d images, %d predicted, %d refused by the input gate, %d unreadable, "
                + "%d outside what the model was trained on.%n", outFile, s.images(), s.predicted(), s.refused(),
                s.unreadable(), s.outside());
        if (s.predicted() < s.images()) {
            out.println("Images without a prediction have their reason in the 'error' column.");
        }
        out.println(Disclaimer.TEXT);
        return s.predicted() == s.images() ? ExitCodes.OK : ExitCodes.USER_ERROR;
    }

    private static void printLine(BatchRow row, Classifier classifier, PrintWriter out, PrintWriter err) {
        if (row.predictedOk()) {
            // multi-label: the labels at their thresholds, then the independent scores (they do not sum to 1)
            String decided = !classifier.manifest().multiLabel() ? row.predicted()
                    : "labels: " + (presentLabels(row).isEmpty() ? "none" : String.join(", ", presentLabels(row)));
            String scores = (classifier.manifest().multiLabel() ? "independent scores: " : "")
                    + Text.probabilities(probabilities(row, classifier));
            out.println(row.path() + "\t" + decided + "\t" + scores
                    + outsideColumn(row.distributionCheck(classifier)) + lateralColumn(row.view()));
            out.flush();
        } else {
            err.println(row.path() + "\terror: " + ErrorHandlers.oneLine(row.error()));
            err.flush();
        }
    }

    private static Map<String, Double> probabilities(BatchRow row, Classifier classifier) {
        Map<String, Double> map = new LinkedHashMap<>();
        double[] p = row.probabilities();
        List<String> classes = classifier.classNames();
        for (int c = 0; c < p.length; c++) {
            map.put(classes.get(c), p[c]);
        }
        return map;
    }

    /** A multi-label row's present labels (its {@code predicted} joins them with {@value Prediction#LABEL_SEPARATOR}). */
    private static List<String> presentLabels(BatchRow row) {
        return row.predicted().isEmpty() ? List.of()
                : List.of(row.predicted().split(java.util.regex.Pattern.quote(Prediction.LABEL_SEPARATOR)));
    }

    /** Empty unless the file (a DICOM header) names a lateral view: then a tab and the flag. */
    static String lateralColumn(String view) {
        return view != null && DecodedImage.isLateral(view) ? "\t" + LATERAL_TEXT + " (" + view + ")" : "";
    }

    /** Empty unless the image is flagged: then a tab and the flag with its distance. */
    static String outsideColumn(DistributionCheck check) {
        if (!check.outside()) {
            return "";
        }
        return String.format(Locale.ROOT, "\t%s (feature distance %.2f > %.2f)", DistributionCheck.OUTSIDE_TEXT,
                check.distance(), check.threshold());
    }

    private static Map<String, Object> jsonRow(BatchRow row, Classifier classifier) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("file", row.path());
        if (row.predictedOk()) {
            boolean multi = classifier.manifest().multiLabel();
            map.put("class", multi ? null : row.predicted());
            map.put("multiLabel", multi);
            map.put("labels", multi ? presentLabels(row) : null);
            map.put("probabilities", probabilities(row, classifier));
            map.put("outOfDistribution", row.distributionCheck(classifier).toMap());
            if (row.view() != null) {
                map.put("view", row.view());
                map.put("lateral", row.lateral());
            }
        } else {
            map.put("error", row.error());
            if (row.refused()) {
                map.put("reason", row.refusalReason());
            }
        }
        return map;
    }
}
