package org.covidxray.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.covidxray.io.AtomicFiles;
import org.covidxray.io.Json;
import org.covidxray.model.TrainingHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run folder: {@value #METRICS_JSON} (the {@link EvaluationReport} as JSON, undefined values
 * {@code null}), the PNG charts and one self-contained {@value #REPORT_HTML}. Each file is written
 * atomically, so a reader never sees a half-written one; existing files of the same name are
 * replaced.
 */
public final class ReportWriter {
    public static final String METRICS_JSON = "metrics.json";
    public static final String REPORT_HTML = "report.html";
    public static final String ROC_PNG = "roc.png";
    public static final String CONFUSION_MATRIX_PNG = "confusion-matrix.png";
    public static final String RELIABILITY_PNG = "reliability.png";
    public static final String TRAINING_CURVES_PNG = "training-curves.png";

    private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);

    private final int chartWidth;
    private final int chartHeight;

    /** Charts of 800 x 600 pixels. */
    public ReportWriter() {
        this(800, 600);
    }

    /** Charts of the given size in pixels (at least 100 x 100). */
    public ReportWriter(int chartWidth, int chartHeight) {
        Png.checkSize(chartWidth, chartHeight, "report");
        this.chartWidth = chartWidth;
        this.chartHeight = chartHeight;
    }

    /**
     * @param folder the run folder; created when missing
     * @param history the training curves to include, or {@code null} (e.g. evaluating a downloaded model)
     */
    /**
     * Writes the report of {@code metrics} in {@code context}: the context names the model, the data
     * and the command (where given, over what the metrics already carry) and supplies the curves.
     */
    public WrittenReport write(Path folder, EvaluationReport metrics, RunContext context) {
        EvaluationReport report = metrics;
        if (!context.model().isEmpty()) {
            report = report.withModel(context.model());
        }
        if (context.data() != null) {
            report = report.withData(context.data());
        }
        if (!context.command().isEmpty()) {
            report = report.withCommandLine(context.command());
        }
        return write(folder, report, context.history());
    }

    public WrittenReport write(Path folder, EvaluationReport report, TrainingHistory history) {
        Map<String, byte[]> charts = new LinkedHashMap<>();
        Map<String, String> files = new LinkedHashMap<>();
        add(charts, files, "Confusion matrix", CONFUSION_MATRIX_PNG, ConfusionMatrixChart.png(
                report.confusionMatrix(), report.classNames(), chartWidth, chartHeight));
        add(charts, files, "ROC curves", ROC_PNG, RocChart.png(report.labelledRocCurves(), chartWidth, chartHeight));
        add(charts, files, "Calibration of the " + report.positiveClass() + " probability", RELIABILITY_PNG,
                ReliabilityChart.png(report.calibration(), chartWidth, chartHeight));
        if (history != null && !history.epochs().isEmpty()) {
            add(charts, files, "Training curves", TRAINING_CURVES_PNG,
                    TrainingCurvesChart.png(history, chartWidth, chartHeight));
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, byte[]> chart : charts.entrySet()) {
            Path path = folder.resolve(files.get(chart.getKey()));
            AtomicFiles.write(path, chart.getValue());
            written.add(path);
        }
        Path json = folder.resolve(METRICS_JSON);
        AtomicFiles.writeString(json, Json.write(report));
        Path html = folder.resolve(REPORT_HTML);
        AtomicFiles.writeString(html, HtmlReport.render(report, charts, history));
        LOG.info("Wrote evaluation report to {}", html);
        return new WrittenReport(html, json, written);
    }

    private static void add(Map<String, byte[]> charts, Map<String, String> files, String caption, String file,
                            byte[] png) {
        charts.put(caption, png);
        files.put(caption, file);
    }
}
