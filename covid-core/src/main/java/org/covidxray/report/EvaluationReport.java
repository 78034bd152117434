package org.covidxray.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.covidxray.data.DatasetSummary;
import org.covidxray.metrics.AveragePrecision;
import org.covidxray.metrics.BinaryMetrics;
import org.covidxray.metrics.Bootstrap;
import org.covidxray.metrics.BrierScore;
import org.covidxray.metrics.Calibration;
import org.covidxray.metrics.ClassificationReport;
import org.covidxray.metrics.ConfidenceInterval;
import org.covidxray.metrics.ConfusionMatrix;
import org.covidxray.metrics.LogLoss;
import org.covidxray.metrics.OneVsRestAuc;
import org.covidxray.metrics.ResampledMetric;
import org.covidxray.metrics.RocAuc;
import org.covidxray.metrics.RocCurve;
import org.covidxray.metrics.SourceRates;
import org.covidxray.metrics.ThresholdChoice;
import org.covidxray.metrics.ThresholdSelector;

/**
 * Everything an evaluation run reports, computed from plain arrays by {@link #compute}. The
 * multi-class part (confusion matrix, classification report, accuracy) uses the most probable class;
 * the binary part looks at one positive class against all others and calls an image positive when the
 * probability of that class is {@code >= threshold}. Undefined values are NaN (JSON {@code null}).
 *
 * @param modelName the model's id or name, or empty
 * @param data summary of the evaluated data set (name, counts, patients, fingerprint), or {@code null}
 * @param commandLine the command that produced the report, or empty
 * @param classNames class names in class order
 * @param images evaluated images
 * @param patients distinct patients (equal to images when no patient ids were given)
 * @param confusionMatrix rows true class, columns predicted (most probable) class
 * @param classificationReport per-class precision, recall, F1, support and averages
 * @param accuracy multi-class accuracy with its confidence interval
 * @param oneVsRestAuc per-class and macro one-vs-rest AUC
 * @param macroAuc macro AUC with its confidence interval
 * @param logLoss multi-class log loss
 * @param positiveClass name of the class the binary metrics treat as positive
 * @param threshold decision threshold on the positive class probability
 * @param binary threshold metrics of the positive class against the rest
 * @param binaryIntervals confidence intervals, keyed "accuracy", "sensitivity", "specificity",
 *     "precision", "npv", "f1", "auc", "averagePrecision"
 * @param brierScore Brier score of the positive class probability
 * @param youden the threshold Youden's J would choose on this same data (optimistic: for information)
 * @param calibration reliability data of the positive class probability
 * @param rocCurves one-vs-rest ROC curve of every class, by class name
 * @param seed seed of the bootstrap
 * @param bySource the positive class against the rest per data source (empty when the images carry no
 *     source, e.g. metrics from a CSV of scores)
 */
public record EvaluationReport(String modelName, DatasetSummary data, String commandLine, List<String> classNames,
                               int images, int patients, ConfusionMatrix confusionMatrix,
                               ClassificationReport classificationReport, ConfidenceInterval accuracy,
                               OneVsRestAuc oneVsRestAuc, ConfidenceInterval macroAuc, double logLoss,
                               String positiveClass, double threshold, BinaryMetrics binary,
                               Map<String, ConfidenceInterval> binaryIntervals, double brierScore,
                               ThresholdChoice youden, Calibration calibration, Map<String, RocCurve> rocCurves,
                               long seed, List<SourceRates> bySource) {

    /** The disclaimer every human-readable output carries. */
    public static final String DISCLAIMER = "Research software, not a diagnostic device. "
            + "Do not use these results to diagnose, treat or triage any person.";

    public EvaluationReport {
        modelName = modelName == null ? "" : modelName;
        commandLine = commandLine == null ? "" : commandLine;
        classNames = List.copyOf(classNames);
        binaryIntervals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(binaryIntervals));
        rocCurves = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rocCurves));
        bySource = bySource == null ? List.of() : List.copyOf(bySource);
    }

    /**
     * Computes every metric of an evaluation, with 95% bootstrap intervals ({@value
     * Bootstrap#DEFAULT_RESAMPLES} resamples, of patients when patient ids are given).
     *
     * @param classNames class names; column c of {@code probabilities} is class c
     * @param labels true class of each image, in {@code [0, classNames.size())}
     * @param probabilities one row of class probabilities per image
     * @param patientIds patient of each image, or {@code null} to resample images
     * @param positiveClass name of the class the binary metrics treat as positive (e.g. "covid")
     * @param threshold positive when its probability is {@code >= threshold}
     * @param seed seed of the bootstrap
     */
    public static EvaluationReport compute(List<String> classNames, int[] labels, double[][] probabilities,
                                           String[] patientIds, String positiveClass, double threshold,
                                           long seed) {
        return compute(classNames, labels, probabilities, patientIds, positiveClass, threshold,
                Bootstrap.withSeed(seed));
    }

    /** As {@link #compute(List, int[], double[][], String[], String, double, long)} with a chosen bootstrap. */
    public static EvaluationReport compute(List<String> classNames, int[] labels, double[][] probabilities,
                                           String[] patientIds, String positiveClass, double threshold,
                                           Bootstrap bootstrap) {
        int positive = classNames.indexOf(positiveClass);
        if (positive < 0) {
            throw new ReportException("positive class '" + positiveClass + "' is not one of " + classNames
                    + "; name one of them");
        }
        if (labels.length == 0) {
            throw new ReportException("no images to evaluate: the label array is empty");
        }
        if (!Double.isFinite(threshold)) {
            throw new ReportException("threshold " + threshold + " is not a number; give a probability such as 0.5");
        }
        ConfusionMatrix matrix = ConfusionMatrix.ofArgmax(labels, probabilities);
        if (matrix.classes() != classNames.size()) {
            throw new ReportException(classNames.size() + " class names but probabilities have "
                    + matrix.classes() + " columns; give one name per column");
        }
        int[] binaryLabels = new int[labels.length];
        double[] scores = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            binaryLabels[i] = labels[i] == positive ? 1 : 0;
            scores[i] = probabilities[i][positive];
        }

        Map<String, ResampledMetric> metrics = new LinkedHashMap<>();
        BinaryAtThreshold cached = new BinaryAtThreshold(binaryLabels, scores, threshold);
        metrics.put("accuracy", indices -> cached.on(indices).accuracy());
        metrics.put("sensitivity", indices -> cached.on(indices).sensitivity());
        metrics.put("specificity", indices -> cached.on(indices).specificity());
        metrics.put("precision", indices -> cached.on(indices).precision());
        metrics.put("npv", indices -> cached.on(indices).npv());
        metrics.put("f1", indices -> cached.on(indices).f1());
        metrics.put("auc", ResampledMetric.binary(binaryLabels, scores, RocAuc::binary));
        metrics.put("averagePrecision", ResampledMetric.binary(binaryLabels, scores, AveragePrecision::binary));
        metrics.put("multiclassAccuracy", ResampledMetric.multiclass(labels, probabilities,
                (l, p) -> ConfusionMatrix.ofArgmax(l, p).accuracy()));
        metrics.put("macroAuc", ResampledMetric.multiclass(labels, probabilities, RocAuc::oneVsRestMacro));
        Map<String, ConfidenceInterval> intervals = bootstrap.intervals(metrics, labels.length, patientIds);
        ConfidenceInterval multiclassAccuracy = intervals.remove("multiclassAccuracy");
        ConfidenceInterval macroAuc = intervals.remove("macroAuc");

        Map<String, RocCurve> curves = new LinkedHashMap<>();
        for (int c = 0; c < classNames.size(); c++) {
            curves.put(classNames.get(c), RocCurve.oneVsRest(labels, probabilities, c));
        }
        return new EvaluationReport("", null, "", classNames, labels.length, countPatients(patientIds, labels.length),
                matrix, ClassificationReport.of(classNames, matrix), multiclassAccuracy,
                OneVsRestAuc.of(classNames, labels, probabilities), macroAuc, LogLoss.of(labels, probabilities),
                positiveClass, threshold, BinaryMetrics.at(binaryLabels, scores, threshold), intervals,
                BrierScore.binary(binaryLabels, scores), ThresholdSelector.youden(binaryLabels, scores),
                Calibration.binary(binaryLabels, scores, Calibration.DEFAULT_BINS), curves, bootstrap.seed(),
                List.of());
    }

    /** This report naming the model. */
    public EvaluationReport withModel(String name) {
        return new EvaluationReport(name, data, commandLine, classNames, images, patients, confusionMatrix,
                classificationReport, accuracy, oneVsRestAuc, macroAuc, logLoss, positiveClass, threshold, binary,
                binaryIntervals, brierScore, youden, calibration, rocCurves, seed, bySource);
    }

    /** This report with the provenance of its data. */
    public EvaluationReport withData(DatasetSummary summary) {
        return new EvaluationReport(modelName, summary, commandLine, classNames, images, patients, confusionMatrix,
                classificationReport, accuracy, oneVsRestAuc, macroAuc, logLoss, positiveClass, threshold, binary,
                binaryIntervals, brierScore, youden, calibration, rocCurves, seed, bySource);
    }

    /** This report with the command line that produced it. */
    public EvaluationReport withCommandLine(String command) {
        return new EvaluationReport(modelName, data, command, classNames, images, patients, confusionMatrix,
                classificationReport, accuracy, oneVsRestAuc, macroAuc, logLoss, positiveClass, threshold, binary,
                binaryIntervals, brierScore, youden, calibration, rocCurves, seed, bySource);
    }

    /** This report with the per-source rows of its images. */
    public EvaluationReport withSources(List<SourceRates> rows) {
        return new EvaluationReport(modelName, data, commandLine, classNames, images, patients, confusionMatrix,
                classificationReport, accuracy, oneVsRestAuc, macroAuc, logLoss, positiveClass, threshold, binary,
                binaryIntervals, brierScore, youden, calibration, rocCurves, seed, rows);
    }

    /** The ROC curves as the chart shows them. */
    public List<LabelledRocCurve> labelledRocCurves() {
        List<LabelledRocCurve> out = new ArrayList<>();
        if (classNames.size() == 2) {
            out.add(new LabelledRocCurve(positiveClass, rocCurves.get(positiveClass)));
        } else {
            rocCurves.forEach((name, curve) -> out.add(new LabelledRocCurve(name, curve)));
        }
        return out;
    }

    private static int countPatients(String[] patientIds, int images) {
        if (patientIds == null) {
            return images;
        }
        Set<String> distinct = new HashSet<>(java.util.Arrays.asList(patientIds));
        return distinct.size();
    }

    /**
     * The six threshold metrics of one resample come from one confusion matrix; the bootstrap hands
     * all metrics the same index array, so computing it once per array saves five passes.
     */
    private static final class BinaryAtThreshold {
        private final int[] labels;
        private final double[] scores;
        private final double threshold;
        private int[] lastIndices;
        private BinaryMetrics last;

        BinaryAtThreshold(int[] labels, double[] scores, double threshold) {
            this.labels = labels;
            this.scores = scores;
            this.threshold = threshold;
        }

        BinaryMetrics on(int[] indices) {
            if (indices != lastIndices) {
                int tp = 0;
                int fp = 0;
                int tn = 0;
                int fn = 0;
                for (int i : indices) {
                    boolean called = scores[i] >= threshold;
                    if (labels[i] == 1) {
                        tp += called ? 1 : 0;
                        fn += called ? 0 : 1;
                    } else {
                        fp += called ? 1 : 0;
                        tn += called ? 0 : 1;
                    }
                }
                last = BinaryMetrics.fromCounts(threshold, tp, fp, tn, fn);
                lastIndices = indices;
            }
            return last;
        }
    }
}
