package org.covidxray.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reader of a model needs besides its manifest's technical facts: what it is for, what it
 * cannot do, the data it was trained on and how it did on held-out images, overall and per data source.
 * Part of the manifest; the web page, {@code covid info} and the model card document show it.
 *
 * @param intendedUse what the model is for (and not for)
 * @param limitations known limitations, one sentence each
 * @param data the data it was trained on, or {@code null}
 * @param testMetrics results on the held-out test part, or {@code null} when there was none
 * @param testBySource the positive class against the rest per data source of the test part
 * @param sourcesLeftOut the same recipe trained without one source at a time and evaluated on every image
 *     of that source (leave-one-source-out; other training runs than this model's), empty when not measured
 * @param sourcesCrossValidated the same recipe cross-validated over patient folds of all sources, per source
 *     (every capped image tested once by a fold model that never saw its patient; other training runs than this
 *     model's), empty when not measured; old cards read as empty
 * @param extra entries this library version does not type (e.g. an imported model's description),
 *     JSON-compatible values
 */
public record ModelCard(String intendedUse, List<String> limitations, TrainingData data, TestResults testMetrics,
                        List<SourceResult> testBySource, List<SourceResult> sourcesLeftOut,
                        List<SourceResult> sourcesCrossValidated, Map<String, Object> extra) {

    /** What every model trained by this library is for. */
    public static final String RESEARCH_USE = "Research and teaching: studying chest X-ray classifiers and how "
            + "they fail. Not for diagnosis, triage or any clinical decision.";

    /** The disclaimer every card carries among its limitations. */
    public static final String NOT_A_DEVICE = "Research software, not a diagnostic device. Its outputs must not be "
            + "used to diagnose, treat or triage anyone; they can be wrong in ways that its validation metrics do "
            + "not show.";

    public ModelCard {
        intendedUse = intendedUse == null ? "" : intendedUse;
        limitations = limitations == null ? List.of() : List.copyOf(limitations);
        testBySource = testBySource == null ? List.of() : List.copyOf(testBySource);
        sourcesLeftOut = sourcesLeftOut == null ? List.of() : List.copyOf(sourcesLeftOut);
        sourcesCrossValidated = sourcesCrossValidated == null ? List.of() : List.copyOf(sourcesCrossValidated);
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** A card with nothing in it (imported models before they are described). */
    public static ModelCard empty() {
        return new ModelCard("", List.of(), null, null, List.of(), List.of(), List.of(), Map.of());
    }

    /**
     * The card of a model trained by this library before anything is known of its data: the research
     * use and the limitations that hold for every model trained on public chest X-ray collections.
     */
    public static ModelCard research() {
        return new ModelCard(RESEARCH_USE, List.of(
                "Public data sets mix sources: when classes come from different collections (e.g. Kermany's "
                        + "children aged 1-5 versus Cohen's adults), a model can learn the source, age or scanner "
                        + "instead of the disease.",
                "Validated only on a held-out part of the same collections, never on an independent hospital's "
                        + "images; expect lower accuracy elsewhere.",
                "Labels of public COVID-19 collections are noisy and their images are often cropped, annotated "
                        + "or taken from publications.",
                NOT_A_DEVICE), null, null, List.of(), List.of(), List.of(), Map.of());
    }

    public ModelCard withIntendedUse(String text) {
        return new ModelCard(text, limitations, data, testMetrics, testBySource, sourcesLeftOut,
                sourcesCrossValidated, extra);
    }

    public ModelCard withLimitations(List<String> list) {
        return new ModelCard(intendedUse, list, data, testMetrics, testBySource, sourcesLeftOut,
                sourcesCrossValidated, extra);
    }

    public ModelCard withData(TrainingData newData) {
        return new ModelCard(intendedUse, limitations, newData, testMetrics, testBySource, sourcesLeftOut,
                sourcesCrossValidated, extra);
    }

    /** This card with the results of a test evaluation. */
    public ModelCard withTest(TestResults results, List<SourceResult> bySource) {
        return new ModelCard(intendedUse, limitations, data, results, bySource, sourcesLeftOut,
                sourcesCrossValidated, extra);
    }

    /** This card with leave-one-source-out results of its recipe (one row per source left out). */
    public ModelCard withSourcesLeftOut(List<SourceResult> rows) {
        return new ModelCard(intendedUse, limitations, data, testMetrics, testBySource, rows,
                sourcesCrossValidated, extra);
    }

    /** This card with cross-validated per-source results of its recipe (one row per source). */
    public ModelCard withSourcesCrossValidated(List<SourceResult> rows) {
        return new ModelCard(intendedUse, limitations, data, testMetrics, testBySource, sourcesLeftOut, rows, extra);
    }

    /** This card with one more untyped entry. */
    public ModelCard withExtra(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extra);
        more.put(key, value);
        return new ModelCard(intendedUse, limitations, data, testMetrics, testBySource, sourcesLeftOut,
                sourcesCrossValidated, more);
    }

    /**
     * A value with its 95% interval; NaN (JSON {@code null}) when undefined. Reads the names of both
     * format-1 card forms ({@code value/low/high} and {@code estimate/lower/upper}).
     *
     * @param value the estimate
     * @param low lower bound
     * @param high upper bound
     */
    public record Estimate(@JsonAlias("estimate") double value, @JsonAlias("lower") double low,
                           @JsonAlias("upper") double high) {
        public static Estimate undefined() {
            return new Estimate(Double.NaN, Double.NaN, Double.NaN);
        }
    }

    /**
     * The data a model was trained on.
     *
     * @param name the merged data set's name
     * @param fingerprint its {@code Dataset#fingerprint()}
     * @param imagesByClass images per class before the split
     * @param patients distinct patients before the split
     * @param split how it was split, for people
     */
    public record TrainingData(String name, String fingerprint, Map<String, Integer> imagesByClass, int patients,
                               String split) {
        public TrainingData {
            imagesByClass = imagesByClass == null ? Map.of()
                    : Collections.unmodifiableMap(new LinkedHashMap<>(imagesByClass));
        }
    }

    /**
     * Results on a held-out test part.
     *
     * @param images evaluated images
     * @param patients distinct patients
     * @param accuracy multi-class accuracy of the decided class
     * @param macroAuc macro one-vs-rest AUC
     * @param positiveClass the class of the binary metrics
     * @param threshold the threshold used on its probability
     * @param thresholdSource where the threshold came from
     * @param positiveClassMetrics sensitivity, specificity, precision, npv, f1, auc, averagePrecision,
     *     accuracy of the positive class against the rest
     * @param intervals how the intervals were computed
     */
    public record TestResults(int images, int patients, Estimate accuracy, Estimate macroAuc, String positiveClass,
                              double threshold, String thresholdSource, Map<String, Estimate> positiveClassMetrics,
                              String intervals) {
        public TestResults {
            positiveClassMetrics = positiveClassMetrics == null ? Map.of()
                    : Collections.unmodifiableMap(new LinkedHashMap<>(positiveClassMetrics));
        }
    }

    /**
     * The positive class against the rest on one data source's images.
     *
     * @param source the data source
     * @param positives images of the positive class
     * @param truePositives of those, called positive
     * @param negatives images of the other classes
     * @param falsePositives of those, called positive
     * @param sensitivity truePositives / positives with a 95% Wilson interval (undefined without positives)
     * @param specificity (negatives - falsePositives) / negatives with a 95% Wilson interval
     */
    public record SourceResult(String source, int positives, int truePositives, int negatives, int falsePositives,
                               Estimate sensitivity, Estimate specificity) {
    }
}
