package org.covidxray.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.covidxray.CovidXrayException;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;
import org.covidxray.image.AppearanceShift;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.image.Preprocessor;
import org.covidxray.model.AveragedClassifier;
import org.covidxray.model.Classifier;
import org.covidxray.model.Prediction;

/**
 * Predicts every image of a data set in batches: decodes and preprocesses with the model's own settings
 * (in parallel), averages the probabilities over the members of an ensemble and over test-time views,
 * lists unreadable images instead of stopping, and reports progress. The one place the library predicts
 * a whole data set.
 *
 * <pre>{@code
 * DatasetPredictions p = DatasetPredictor.builder().setClassifier(model).build().predict(testPart);
 * }</pre>
 */
public final class DatasetPredictor {
    /** Images decoded and predicted together. */
    public static final int DEFAULT_BATCH = 32;

    /** The model, or an ensemble's members averaged as one. */
    private final Classifier model;
    private final TestTimeShifts shifts;
    private final int batchSize;
    private final Progress progress;
    private final AppearanceShift look;

    /** Receives the number of images done after each batch. */
    @FunctionalInterface
    public interface Progress {
        void done(int images, int total);

        static Progress none() {
            return (images, total) -> { };
        }
    }

    private DatasetPredictor(Builder b) {
        this.model = b.ensemble.size() == 1 ? b.ensemble.get(0) : AveragedClassifier.of(b.ensemble);
        this.shifts = b.shifts;
        this.batchSize = b.batchSize;
        this.progress = b.progress;
        this.look = b.look;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A predictor of one model, no test-time views. */
    public static DatasetPredictor of(Classifier classifier) {
        return builder().setClassifier(classifier).build();
    }

    /**
     * Predicts every sample of {@code dataset}. The data set's labels must be classes of the model, unless
     * the model is multi-label (then an image of another class is a negative for every label).
     *
     * @throws EvaluationException when the data has classes the model does not know
     */
    public DatasetPredictions predict(Dataset dataset) {
        List<String> classes = model.classNames();
        List<String> unknown = dataset.classNames().stream()
                .filter(c -> !classes.contains(c) && dataset.countsByClass().getOrDefault(c, 0) > 0).toList();
        // a multi-label model judges each label on its own: an image of another class is a negative for every label
        if (!unknown.isEmpty() && !model.manifest().multiLabel()) {
            throw new EvaluationException("The data set " + dataset.name() + " has images of " + unknown
                    + ", which are not classes of the model " + classes + ". Choose the data (e.g. --classes) so that "
                    + "its labels are the model's classes.");
        }
        PreprocessingConfig preprocessing = model.preprocessing();
        Preprocessor preprocessor = new Preprocessor(preprocessing);
        List<Sample> samples = dataset.samples();
        List<Sample> predicted = new ArrayList<>(samples.size());
        List<double[]> rows = new ArrayList<>(samples.size());
        List<FailedImage> failed = new ArrayList<>();
        for (int from = 0; from < samples.size(); from += batchSize) {
            List<Sample> batch = samples.subList(from, Math.min(samples.size(), from + batchSize));
            ImageTensor[] tensors = new ImageTensor[batch.size()];
            String[] errors = new String[batch.size()];
            IntStream.range(0, batch.size()).parallel().forEach(i -> {
                try {
                    tensors[i] = preprocessor.load(batch.get(i).path(), look);
                } catch (CovidXrayException e) {
                    errors[i] = e.getMessage();
                }
            });
            List<ImageTensor> views = new ArrayList<>();
            int perImage = shifts.enabled() ? 5 : 1;
            for (int i = 0; i < batch.size(); i++) {
                if (tensors[i] == null) {
                    failed.add(new FailedImage(batch.get(i), errors[i]));
                } else {
                    predicted.add(batch.get(i));
                    views.addAll(shifts.views(tensors[i], preprocessing));
                }
            }
            int images = views.size() / perImage;
            double[][] sums = new double[images][classes.size()];
            if (images > 0) {
                List<Prediction> out = model.predictProbabilities(views);
                for (int k = 0; k < out.size(); k++) {
                    double[] row = sums[k / perImage];
                    for (int c = 0; c < row.length; c++) {
                        row[c] += out.get(k).probability(c) / perImage;
                    }
                }
            }
            rows.addAll(List.of(sums));
            progress.done(Math.min(samples.size(), from + batchSize), samples.size());
        }
        return new DatasetPredictions(classes, predicted, rows.toArray(double[][]::new), failed);
    }

    /** Builds a {@link DatasetPredictor}: {@code setX} is required, {@code optX} optional. */
    public static final class Builder {
        private final List<Classifier> ensemble = new ArrayList<>();
        private TestTimeShifts shifts = TestTimeShifts.none();
        private int batchSize = DEFAULT_BATCH;
        private Progress progress = Progress.none();
        private AppearanceShift look = AppearanceShift.none();

        private Builder() {
        }

        /** The model (replaces any set before). */
        public Builder setClassifier(Classifier classifier) {
            ensemble.clear();
            ensemble.add(Objects.requireNonNull(classifier, "classifier"));
            return this;
        }

        /**
         * Several models of the same classes, preprocessing and output kind whose probabilities are averaged
         * ({@link AveragedClassifier}); the caller keeps closing them.
         */
        public Builder setEnsemble(List<Classifier> members) {
            ensemble.clear();
            ensemble.addAll(members);
            return this;
        }

        public Builder optTestTimeShifts(TestTimeShifts value) {
            this.shifts = Objects.requireNonNull(value, "shifts");
            return this;
        }

        /** Changes each image's look before preprocessing (see {@link AppearanceShift}); default none. */
        public Builder optAppearanceShift(AppearanceShift value) {
            this.look = Objects.requireNonNull(value, "look");
            return this;
        }

        public Builder optBatchSize(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, was " + value);
            }
            this.batchSize = value;
            return this;
        }

        public Builder optProgress(Progress value) {
            this.progress = Objects.requireNonNull(value, "progress");
            return this;
        }

        public DatasetPredictor build() {
            if (ensemble.isEmpty()) {
                throw new IllegalArgumentException("no classifier to predict with: call setClassifier or setEnsemble");
            }
            // an ensemble's members are checked by AveragedClassifier.of
            return new DatasetPredictor(this);
        }
    }
}
