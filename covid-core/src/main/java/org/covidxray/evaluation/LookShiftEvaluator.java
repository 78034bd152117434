package org.covidxray.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.covidxray.data.Dataset;
import org.covidxray.image.AppearanceShift;
import org.covidxray.image.LookChange;
import org.covidxray.metrics.Rate;
import org.covidxray.model.Classifier;
import org.covidxray.model.DecisionRule;
import org.covidxray.report.EvaluationReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges a trained model by how its own decision threshold holds when the look of held-out images changes
 * (exposure, contrast, resolution, blur, noise): for each {@link AppearanceShift} the images are predicted
 * again and evaluated with {@link Evaluator} at the threshold the model carries (or the one given in the
 * options), so a threshold that suited the training collection shows whether it survives a new one. The
 * metrics and intervals are those of every evaluation: AUC with a patient bootstrap, sensitivity and
 * specificity with Wilson intervals.
 */
public final class LookShiftEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(LookShiftEvaluator.class);

    private LookShiftEvaluator() {
    }

    /**
     * Predicts the labelled images of {@code data} unshifted and under each shift.
     *
     * @throws EvaluationException when the data's classes are not the model's or nothing is readable
     */
    public static LookShiftResults evaluate(Classifier classifier, Dataset data, List<AppearanceShift> shifts,
                                            EvaluationOptions options) {
        Dataset labelled = data.filter(data.name(), s -> s.label() != null);
        Function<AppearanceShift, DatasetPredictions> predict = shift -> DatasetPredictor.builder()
                .setClassifier(classifier).optTestTimeShifts(options.shifts()).optAppearanceShift(shift)
                .optProgress(options.progress()).build().predict(labelled);
        return evaluate(predict, classifier.decisionRule(), shifts, options, classifier.manifest().modelId(),
                data.name());
    }

    /**
     * Evaluates predictions made per shift by {@code predict} (called once for {@link AppearanceShift#none()}
     * and once per shift) at the threshold of {@code rule} (or of the options).
     */
    public static LookShiftResults evaluate(Function<AppearanceShift, DatasetPredictions> predict, DecisionRule rule,
                                            List<AppearanceShift> shifts, EvaluationOptions options, String model,
                                            String dataName) {
        Objects.requireNonNull(rule, "rule");
        List<AppearanceShift> all = new ArrayList<>();
        all.add(AppearanceShift.none());
        shifts.stream().filter(s -> !s.isIdentity()).forEach(all::add);
        List<LookShiftResult> rows = new ArrayList<>();
        Map<String, Double> base = null;
        String positive = null;
        EvaluationOptions.Threshold threshold = null;
        for (AppearanceShift shift : all) {
            long start = System.nanoTime();
            DatasetPredictions p = predict.apply(shift);
            Evaluation e = Evaluator.evaluate(p, rule, options);
            positive = e.positiveClass();
            threshold = e.threshold();
            int pos = p.classNames().indexOf(positive);
            double[] scores = p.scores(pos);
            Map<String, Double> byImage = new HashMap<>();
            for (int i = 0; i < scores.length; i++) {
                byImage.put(p.samples().get(i).path().toString(), scores[i]);
            }
            double drift = 0;
            double absDrift = 0;
            if (base == null) {
                base = byImage;
            } else {
                int matched = 0;
                for (Map.Entry<String, Double> entry : byImage.entrySet()) {
                    Double before = base.get(entry.getKey());
                    if (before != null) {
                        double d = entry.getValue() - before;
                        drift += d;
                        absDrift += Math.abs(d);
                        matched++;
                    }
                }
                drift = matched == 0 ? Double.NaN : drift / matched;
                absDrift = matched == 0 ? Double.NaN : absDrift / matched;
            }
            EvaluationReport r = e.report();
            var b = r.binary();
            rows.add(new LookShiftResult(shift.name(),
                    shift.changes().stream().map(LookChange::token).collect(Collectors.joining(",")),
                    p.size(), new HashSet<>(Arrays.asList(p.patients())).size(), r.binaryIntervals().get("auc"),
                    Rate.of(b.truePositives(), (long) b.truePositives() + b.falseNegatives()),
                    Rate.of(b.trueNegatives(), (long) b.trueNegatives() + b.falsePositives()),
                    drift, absDrift, p.failed().size()));
            LOG.info("look shift {}: {} images, AUC {}, {} s", shift.name(), p.size(),
                    r.binaryIntervals().get("auc").estimate(), (System.nanoTime() - start) / 1_000_000_000L);
        }
        return new LookShiftResults(model, dataName, positive, threshold.value(), threshold.source(), options.seed(),
                rows);
    }
}
