package org.covidxray.examples.experiments;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.covidxray.data.Dataset;
import org.covidxray.data.DatasetSummary;
import org.covidxray.engine.Backend;
import org.covidxray.engine.Device;
import org.covidxray.examples.options.TrainingOptions;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.io.AtomicFiles;
import org.covidxray.io.Json;
import org.covidxray.model.Architecture;
import org.covidxray.model.TrainingConfig;
import org.covidxray.model.TrainingHistory;
import org.covidxray.report.EvaluationReport;
import org.covidxray.report.ReportWriter;
import org.covidxray.training.TrainedModel;
import org.covidxray.training.EpochLog;
import org.covidxray.training.TrainingLoop;
import org.covidxray.training.TrainingRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One experiment while it runs: the engine it trains with (found through the {@code Backends} registry only), the
 * data it used, its results and the text of its summary. {@link #finish()} writes
 * {@value #EXPERIMENT_JSON} and {@value #SUMMARY_MD} into the report folder, beside what
 * {@link ReportWriter} wrote there.
 */
final class ExperimentRun {
    static final String EXPERIMENT_JSON = "experiment.json";
    static final String SUMMARY_MD = "summary.md";
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRun.class);

    private final String name;
    private final String title;
    private final CommonOptions options;
    private final String command;
    private final Backend backend;
    private final Device device;
    private final Instant started = Instant.now();
    private final Machine machine = Machine.current();
    private final List<Map<String, Object>> data = new ArrayList<>();
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<String> claims = new ArrayList<>();
    private final StringBuilder body = new StringBuilder();
    private int trainings;

    ExperimentRun(String name, String title, CommonOptions options, String command) {
        this(name, title, options, command, options.engine().backend());
    }

    /** An experiment whose engine is chosen by the experiment (e.g. the first of the engines it compares). */
    ExperimentRun(String name, String title, CommonOptions options, String command, Backend backend) {
        this.name = name;
        this.title = title;
        this.options = options;
        this.command = command;
        this.backend = backend;
        this.device = chooseDevice(options, backend);
        TrainingOptions training = options.training();
        // both check their options, so that a mistake stops the run before any data is read
        training.architecture();
        training.requireSupportedBy(backend);
        TrainingConfig config = training.config(options.seed()).build();
        PreprocessingConfig preprocessing = training.preprocessing();
        setting("backend", backend.name());
        setting("engineVersion", backend.engineVersion());
        setting("device", device.toString());
        setting("architecture", training.arch());
        setting("imageSize", training.imageSize());
        setting("epochs", training.epochs());
        setting("batchSize", training.batchSize());
        setting("learningRate", training.learningRate());
        setting("preprocessing", preprocessing);
        setting("classWeighting", config.classWeighting());
        setting("sampling", config.sampling());
        setting("augmentation", config.augmentation() != null);
        if (config.adversarial()) {
            setting("adversarialWeight", config.adversarialWeight());
        }
    }

    /** The --device of the options; a GPU asked for but missing falls back to the CPU, which the log says. */
    private static Device chooseDevice(CommonOptions options, Backend backend) {
        StringWriter fallback = new StringWriter();
        Device chosen = options.engine().device(backend, new PrintWriter(fallback, true));
        if (!fallback.toString().isBlank()) {
            LOG.warn(fallback.toString().strip());
        }
        return chosen;
    }

    Path out() {
        return options.out();
    }

    long seed() {
        return options.seed();
    }

    String command() {
        return command;
    }

    Backend backend() {
        return backend;
    }

    /** The architecture preset at the experiment's image size. */
    Architecture architecture() {
        return options.training().architecture();
    }

    /** The preprocessing of the training options (image size, centre crop, equalisation). */
    PreprocessingConfig preprocessing() {
        return options.training().preprocessing();
    }

    /** Training settings from the training options, with this seed (an ensemble varies it). */
    TrainingConfig.Builder trainingConfig(long seed) {
        return options.training().config(seed);
    }

    /** Trains one model through the engine-neutral training loop. */
    TrainedModel train(Architecture architecture, PreprocessingConfig preprocessing, TrainingConfig config,
                       Dataset train, Dataset validation, BooleanSupplier stop) {
        trainings++;
        TrainingRequest request = TrainingRequest.builder().setBackend(backend).optDevice(device)
                .setArchitecture(architecture).optPreprocessing(preprocessing).optConfig(config).setTrain(train)
                .optValidation(validation).optStopSignal(stop).optCacheBudgetBytes(options.training().cacheBytes()).build();
        return new TrainingLoop(request, new EpochLog(name + ", training run " + trainings)).run();
    }

    /** Records a data set the experiment read: its role, its folder and its summary (counts, patients, fingerprint). */
    void data(String role, Path folder, Dataset dataset) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("role", role);
        entry.put("folder", folder == null ? null : folder.toAbsolutePath().normalize().toString());
        DatasetSummary s = DatasetSummary.of(dataset);
        entry.put("name", s.name());
        entry.put("images", s.images());
        entry.put("patients", s.patients());
        entry.put("imagesByClass", s.imagesByClass());
        entry.put("patientsByClass", s.patientsByClass());
        entry.put("imagesBySource", s.imagesBySource());
        entry.put("imagesByView", s.imagesByView());
        entry.put("skippedRows", s.skipped().size());
        entry.put("fingerprint", s.fingerprint());
        data.add(entry);
    }

    void setting(String key, Object value) {
        settings.put(key, value);
    }

    void result(String key, Object value) {
        results.put(key, value);
    }

    /** A statement of what the numbers can or cannot claim, shown in the summary and kept in the JSON. */
    void claim(String text) {
        claims.add(text);
    }

    /** Appends a Markdown section to the summary. */
    void section(String heading, String markdown) {
        body.append("\n## ").append(heading).append("\n\n").append(markdown.strip()).append('\n');
    }

    /** Writes the standard evaluation report files (metrics.json, report.html, charts) into {@code folder}. */
    void writeReport(Path folder, EvaluationReport report, Dataset evaluated, TrainingHistory history, String model) {
        new ReportWriter().write(folder, report.withData(DatasetSummary.of(evaluated)).withCommandLine(command)
                .withModel(model), history);
    }

    /** Writes experiment.json and summary.md; returns the summary file. */
    Path finish() {
        Duration took = Duration.between(started, Instant.now());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("experiment", name);
        json.put("title", title);
        json.put("command", command);
        json.put("seed", options.seed());
        json.put("date", started.toString());
        json.put("seconds", took.toMillis() / 1000.0);
        json.put("machine", machine.os());
        json.put("cores", machine.cores());
        json.put("cpu", machine.cpu());
        json.put("java", machine.java());
        json.put("trainingRuns", trainings);
        json.put("settings", settings);
        json.put("data", data);
        json.put("results", results);
        json.put("claims", claims);
        json.put("disclaimer", EvaluationReport.DISCLAIMER);
        AtomicFiles.writeString(options.out().resolve(EXPERIMENT_JSON), Json.write(json));

        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        md.append("> ").append(EvaluationReport.DISCLAIMER).append("\n\n");
        md.append("- command: `").append(command).append("`\n");
        md.append("- date: ").append(started).append(" (took ").append(formatDuration(took)).append(")\n");
        md.append("- machine: ").append(machine.text()).append('\n');
        md.append("- engine: ").append(backend.name()).append(" (").append(backend.engineVersion()).append(", ")
                .append(device).append(")\n");
        md.append("- seed: ").append(options.seed()).append("; training runs: ").append(trainings).append('\n');
        md.append("- settings: ").append(settings).append('\n');
        md.append("\n## Data\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, Object> d : data) {
            String folder = d.get("folder") == null ? "(built from the rows above)" : "`" + d.get("folder") + "`";
            rows.add(List.of(String.valueOf(d.get("role")), folder, String.valueOf(d.get("images")),
                    String.valueOf(d.get("patients")), String.valueOf(d.get("imagesByClass")),
                    String.valueOf(d.get("patientsByClass")), "`" + d.get("fingerprint") + "`"));
        }
        md.append(Text.table(List.of("role", "folder", "images", "patients", "images by class", "patients by class",
                "fingerprint"), rows));
        md.append(body);
        if (!claims.isEmpty()) {
            md.append("\n## What these numbers can and cannot claim\n\n");
            claims.forEach(c -> md.append("- ").append(c).append('\n'));
        }
        md.append("\nIntervals: Wilson score intervals (95%) treat images as independent; the `metrics.json` and "
                + "`report.html` beside this file give percentile bootstrap intervals that resample patients.\n");
        Path summary = options.out().resolve(SUMMARY_MD);
        AtomicFiles.writeString(summary, md.toString());
        LOG.info("Experiment {} finished in {}; summary in {}", name, formatDuration(took), summary);
        return summary;
    }

    static String formatDuration(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
    }
}
