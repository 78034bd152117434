package org.covidxray.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.covidxray.CovidXrayException;
import org.covidxray.examples.common.ErrorHandlers;
import org.covidxray.examples.common.ExitCodes;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.examples.options.JsonOutputOption;
import org.covidxray.examples.options.ModelOptions;
import org.covidxray.gate.DistributionCheck;
import org.covidxray.gate.InputGate;
import org.covidxray.gate.InputRefusedException;
import org.covidxray.image.DecodedImage;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.Preprocessor;
import org.covidxray.io.Json;
import org.covidxray.model.Classifier;
import org.covidxray.model.DecisionRule;
import org.covidxray.model.Prediction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code covid predict}: one line per image (file, class, probabilities, and a fourth column when the image
 * lies outside what the model was trained on), or one JSON document. An image that cannot be read, or that
 * the input gate refuses as not a chest radiograph the model can judge, is reported on its own line and the
 * others are still classified; the exit code is then 2.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Classify chest X-ray images: one line per image, or --json. Images that are not a chest "
                + "radiograph the model can judge are refused; images far from its training data are flagged.",
                "Research software, not a diagnostic device."})
public final class PredictCommand implements Callable<Integer> {
    private static final int BATCH = 16;
    static final String LATERAL_TEXT = "lateral view: the model was trained on frontal (PA/AP) films";

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    JsonOutputOption jsonOption;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Images (PNG, JPEG, BMP, DICOM).")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean anyFailed = false;
        boolean json = jsonOption.json();
        try (Classifier classifier = modelOptions.load(spec.commandLine().getErr())) {
            DecisionRule rule = classifier.decisionRule();
            Preprocessor preprocessor = new Preprocessor(classifier.preprocessing());
            InputGate gate = InputGate.defaults();
            if (!json) {
                err.println(Disclaimer.TEXT);
                if (!classifier.supportsFeatures() || classifier.manifest().inputGate() == null) {
                    err.println(DistributionCheck.unknown(classifier).message());
                }
                err.flush();
            }
            for (int from = 0; from < files.size(); from += BATCH) {
                List<Path> batch = files.subList(from, Math.min(files.size(), from + BATCH));
                List<Path> loaded = new ArrayList<>();
                List<String> views = new ArrayList<>();
                List<ImageTensor> tensors = new ArrayList<>();
                for (Path file : batch) {
                    try {
                        if (!Files.isRegularFile(file)) {
                            throw new CovidXrayException("Image " + file + " does not exist or is not a file.");
                        }
                        InputGate.Passed passed = gate.read(file, preprocessor.config().maxPixels());
                        tensors.add(preprocessor.apply(passed.gray()));
                        loaded.add(file);
                        views.add(passed.decoded().view().orElse(""));
                    } catch (CovidXrayException e) {
                        anyFailed = true;
                        rows.add(errorRow(file, e));
                        if (!json) {
                            err.println(file + "\terror: " + ErrorHandlers.oneLine(e.getMessage()));
                        }
                    }
                }
                List<Prediction> predictions = tensors.isEmpty() ? List.of() : classifier.predict(tensors);
                List<DistributionCheck> checks = tensors.isEmpty() ? List.of() : DistributionCheck.of(classifier, tensors);
                for (int i = 0; i < predictions.size(); i++) {
                    Prediction p = predictions.get(i);
                    String cls = p.predictedClass();
                    rows.add(row(loaded.get(i), cls, p, checks.get(i), views.get(i)));
                    if (!json) {
                        out.println(loaded.get(i) + "\t" + cls + "\t" + Text.probabilities(p.asMap())
                                + outsideColumn(checks.get(i)) + lateralColumn(views.get(i)));
                    }
                }
                out.flush();
                err.flush();
            }
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("modelId", classifier.manifest().modelId());
                doc.put("model", modelOptions.describe());
                doc.put("decision", rule.toMap());
                doc.put("predictions", rows);
                doc.put("disclaimer", Disclaimer.TEXT);
                out.println(Json.write(doc));
            }
        }
        return anyFailed ? ExitCodes.USER_ERROR : ExitCodes.OK;
    }

    private static Map<String, Object> row(Path file, String cls, Prediction p, DistributionCheck check,
                                           String view) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("file", file.toString());
        row.put("class", cls);
        row.put("probabilities", p.asMap());
        row.put("outOfDistribution", check.toMap());
        if (!view.isEmpty()) {
            row.put("view", view);
            row.put("lateral", DecodedImage.isLateral(view));
        }
        return row;
    }

    /** Empty unless the file (a DICOM header) names a lateral view: then a tab and the flag. */
    static String lateralColumn(String view) {
        return DecodedImage.isLateral(view) ? "\t" + LATERAL_TEXT + " (" + view + ")" : "";
    }

    /** Empty unless the image is flagged: then a tab and the flag with its distance. */
    static String outsideColumn(DistributionCheck check) {
        if (!check.outside()) {
            return "";
        }
        return String.format(Locale.ROOT, "\t%s (feature distance %.2f > %.2f)", DistributionCheck.OUTSIDE_TEXT,
                check.distance(), check.threshold());
    }

    private static Map<String, Object> errorRow(Path file, CovidXrayException e) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("file", file.toString());
        row.put("error", e.getMessage());
        if (e instanceof InputRefusedException refused) {
            row.put("reason", refused.reason().code());
        }
        return row;
    }
}
