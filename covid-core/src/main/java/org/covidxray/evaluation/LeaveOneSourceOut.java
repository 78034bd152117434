package org.covidxray.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.covidxray.data.Dataset;
import org.covidxray.data.DatasetSplit;
import org.covidxray.data.PatientSplitter;
import org.covidxray.data.Sample;
import org.covidxray.metrics.Rate;
import org.covidxray.model.Classifier;
import org.covidxray.model.DecisionRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leave-one-source-out evaluation: for each data source S, train on every other source (split
 * patient-disjointly into training and validation), choose the decision threshold on that validation
 * part, and evaluate on all of S at that threshold. A model that learned "which collection is this
 * image from" instead of the disease fails here even when its held-out test part of the training
 * collections looks good. Patients that appear in S and elsewhere (the same film in two collections,
 * once merged into one patient) are left out of training.
 */
public final class LeaveOneSourceOut {
    private static final Logger LOG = LoggerFactory.getLogger(LeaveOneSourceOut.class);

    /** Trains a model on {@code train}, validating on {@code validation}; the caller closes it. */
    @FunctionalInterface
    public interface Trainer {
        Classifier train(Dataset train, Dataset validation, String heldOutSource);
    }

    /**
     * One held-out source's result.
     *
     * @param source the source left out of training
     * @param trainImages images the model was trained on
     * @param validationImages images the threshold was chosen on
     * @param rule the threshold chosen on validation
     * @param evaluation the model on every image of the source, at that threshold
     */
    public record Fold(String source, int trainImages, int validationImages, DecisionRule rule,
                       Evaluation evaluation) {
        /** Sensitivity of the positive class on this source (undefined without positives). */
        public Rate sensitivity() {
            return evaluation.bySource().get(0).sensitivity();
        }

        /** Specificity on this source (undefined without negatives). */
        public Rate specificity() {
            return evaluation.bySource().get(0).specificity();
        }
    }

    private final double validationFraction;
    private final long seed;
    private final String positiveClass;
    private final UnaryOperator<Dataset> trainingSelection;

    /**
     * @param validationFraction share of the remaining images used to choose the threshold
     * @param seed split and bootstrap seed
     * @param positiveClass the class against the rest (e.g. {@code covid})
     */
    public LeaveOneSourceOut(double validationFraction, long seed, String positiveClass) {
        this(validationFraction, seed, positiveClass, UnaryOperator.identity());
    }

    private LeaveOneSourceOut(double validationFraction, long seed, String positiveClass,
                              UnaryOperator<Dataset> trainingSelection) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), was " + validationFraction);
        }
        this.validationFraction = validationFraction;
        this.seed = seed;
        this.positiveClass = Objects.requireNonNull(positiveClass, "positiveClass");
        this.trainingSelection = Objects.requireNonNull(trainingSelection, "trainingSelection");
    }

    /**
     * This protocol choosing the training images from the other sources with {@code selection} (e.g. a
     * cap per source and class) before they are split; the held-out source is always evaluated whole.
     */
    public LeaveOneSourceOut withTrainingSelection(UnaryOperator<Dataset> selection) {
        return new LeaveOneSourceOut(validationFraction, seed, positiveClass, selection);
    }

    /** The sources of {@code data}, in name order. */
    public static List<String> sources(Dataset data) {
        return data.samples().stream().map(s -> s.attribute(Sample.SOURCE)).filter(s -> !s.isEmpty()).distinct()
                .sorted().toList();
    }

    /** Runs one fold per source in {@code heldOut}. */
    public List<Fold> run(Dataset data, List<String> heldOut, Trainer trainer) {
        List<Fold> folds = new ArrayList<>();
        for (String source : heldOut) {
            folds.add(runOne(data, source, trainer));
        }
        return folds;
    }

    /** Trains without {@code source} and evaluates on it. */
    public Fold runOne(Dataset data, String source, Trainer trainer) {
        Dataset test = data.filter(data.name() + "/" + source, s -> s.attribute(Sample.SOURCE).equals(source));
        if (test.size() == 0) {
            throw new EvaluationException("No image of " + data.name() + " comes from source '" + source
                    + "'; its sources are " + sources(data) + ".");
        }
        Set<String> heldOutPatients = test.samples().stream().map(Sample::patientId).collect(Collectors.toSet());
        Dataset rest = data.filter(data.name() + "-without-" + source,
                s -> !s.attribute(Sample.SOURCE).equals(source) && !heldOutPatients.contains(s.patientId()));
        DatasetSplit split = new PatientSplitter(1 - validationFraction, validationFraction, 0, seed)
                .split(trainingSelection.apply(rest));
        LOG.info("Leave-one-source-out: {} held out ({} images), training on {} images, validation {}", source,
                test.size(), split.train().size(), split.validation().size());
        try (Classifier model = trainer.train(split.train(), split.validation(), source)) {
            DecisionRule rule = DecisionRules.youden(model, split.validation(), positiveClass);
            Classifier decided = model.withManifest(model.manifest().withDecisionRule(rule));
            Evaluation evaluation = Evaluator.evaluate(decided, test,
                    EvaluationOptions.defaults().withPositiveClass(positiveClass).withSeed(seed));
            return new Fold(source, split.train().size(), split.validation().size(), rule, evaluation);
        }
    }
}
