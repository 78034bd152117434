package org.covidxray.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.covidxray.CovidXrayException;
import org.covidxray.evaluation.DatasetPredictor;
import org.covidxray.gate.DistributionCheck;
import org.covidxray.gate.InputGate;
import org.covidxray.gate.InputRefusedException;
import org.covidxray.image.ImageDecodeException;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.Preprocessor;
import org.covidxray.model.Classifier;
import org.covidxray.model.Prediction;
import org.covidxray.model.PredictionWithFeatures;

/**
 * Predicts many images the way {@code covid predict} predicts one: read, input gate, the model's own
 * preprocessing, its decision rule, and the check against its training data; the view a DICOM file names
 * is kept in its row ({@link BatchRow#view()}) so that lateral films can be flagged. Images are decoded in
 * parallel and predicted in chunks; an image that cannot be read or that the gate refuses becomes a row
 * with its error, never a stopped run. Thread-safe as far as the classifier is (see {@link Classifier}).
 *
 * <pre>{@code
 * BatchPredictor predictor = BatchPredictor.builder().setClassifier(model).build();
 * BatchCsv.write(out, model.classNames(), model.decisionRule(), sink -> predictor.run(images, sink));
 * }</pre>
 */
public final class BatchPredictor {
    private final Classifier classifier;
    private final Preprocessor preprocessor;
    private final InputGate gate;
    private final int chunkSize;
    private final DatasetPredictor.Progress progress;

    /** An image's encoded bytes, already read (e.g. by Spark's {@code binaryFile} source). */
    public record EncodedImage(BatchImage image, byte[] bytes) {
        public EncodedImage {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    private BatchPredictor(Builder b) {
        this.classifier = b.classifier;
        this.preprocessor = new Preprocessor(b.classifier.preprocessing());
        this.gate = b.gate;
        this.chunkSize = b.chunkSize;
        this.progress = b.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Classifier classifier() {
        return classifier;
    }

    /**
     * Predicts every image, {@code chunkSize} at a time, handing the rows to {@code sink} in input order
     * and reporting progress after each chunk.
     *
     * @return counts of the run
     */
    public BatchSummary run(List<BatchImage> images, Consumer<BatchRow> sink) {
        BatchSummary.Counter counter = new BatchSummary.Counter();
        for (int from = 0; from < images.size(); from += chunkSize) {
            for (BatchRow row : predict(images.subList(from, Math.min(images.size(), from + chunkSize)))) {
                counter.add(row);
                sink.accept(row);
            }
            progress.done(Math.min(images.size(), from + chunkSize), images.size());
        }
        return counter.summary();
    }

    /** One chunk of image files, predicted together; one row per image, in input order. */
    public List<BatchRow> predict(List<BatchImage> images) {
        return predictChunk(images, i -> read(images.get(i).path()));
    }

    /** One chunk of images whose bytes are already read; one row per image, in input order. */
    public List<BatchRow> predictEncoded(List<EncodedImage> images) {
        return predictChunk(images.stream().map(EncodedImage::image).toList(), i -> images.get(i).bytes());
    }

    @FunctionalInterface
    private interface BytesOf {
        byte[] get(int index);
    }

    private List<BatchRow> predictChunk(List<BatchImage> images, BytesOf bytes) {
        int n = images.size();
        ImageTensor[] tensors = new ImageTensor[n];
        String[] views = new String[n];
        BatchRow[] failed = new BatchRow[n];
        long maxPixels = preprocessor.config().maxPixels();
        IntStream.range(0, n).parallel().forEach(i -> {
            BatchImage image = images.get(i);
            try {
                InputGate.Passed passed = gate.read(bytes.get(i), image.path(), maxPixels);
                tensors[i] = preprocessor.apply(passed.gray());
                views[i] = passed.decoded().view().orElse(null);
            } catch (InputRefusedException e) {
                failed[i] = BatchRow.failed(image, BatchRow.REFUSED + e.reason().code(), e.getMessage());
            } catch (CovidXrayException e) {
                failed[i] = BatchRow.failed(image, BatchRow.UNREADABLE, e.getMessage());
            } catch (RuntimeException e) {
                // a decoder's own bug on one strange file must not stop an archive of millions
                failed[i] = BatchRow.failed(image, BatchRow.UNREADABLE, "Could not decode image " + image.path()
                        + ": " + e);
            }
        });
        List<ImageTensor> ok = new ArrayList<>(n);
        for (ImageTensor t : tensors) {
            if (t != null) {
                ok.add(t);
            }
        }
        // one forward pass gives both the probabilities and the features the training-data check needs
        List<PredictionWithFeatures> predictions = ok.isEmpty() ? List.of() : classifier.predictWithFeatures(ok);
        List<BatchRow> rows = new ArrayList<>(n);
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (failed[i] != null) {
                rows.add(failed[i]);
                continue;
            }
            BatchImage image = images.get(i);
            Prediction p = predictions.get(k).prediction();
            DistributionCheck check = DistributionCheck.of(classifier, predictions.get(k).features());
            k++;
            rows.add(new BatchRow(image.path(), image.label(), image.patient(), p.predictedClass(), p.probabilities(),
                    check.status().code(), check.distance(), views[i], null));
        }
        return rows;
    }

    private static byte[] read(String path) {
        Path file = Path.of(path);
        if (!Files.isRegularFile(file)) {
            throw new ImageDecodeException(ImageDecodeException.Reason.IO_ERROR,
                    "Image " + path + " does not exist or is not a file.");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ImageDecodeException(ImageDecodeException.Reason.IO_ERROR,
                    "Could not read image " + path + ": " + e.getMessage(), e);
        }
    }

    /** Builds a {@link BatchPredictor}: {@code setX} is required, {@code optX} optional. */
    public static final class Builder {
        private Classifier classifier;
        private InputGate gate = InputGate.defaults();
        private int chunkSize = DatasetPredictor.DEFAULT_BATCH;
        private DatasetPredictor.Progress progress = DatasetPredictor.Progress.none();

        private Builder() {
        }

        public Builder setClassifier(Classifier value) {
            this.classifier = Objects.requireNonNull(value, "classifier");
            return this;
        }

        /** The input gate (default: {@link InputGate#defaults()}, as {@code covid predict}). */
        public Builder optGate(InputGate value) {
            this.gate = Objects.requireNonNull(value, "gate");
            return this;
        }

        /** Images decoded and predicted together (default {@value DatasetPredictor#DEFAULT_BATCH}). */
        public Builder optChunkSize(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("chunk size must be at least 1, was " + value);
            }
            this.chunkSize = value;
            return this;
        }

        public Builder optProgress(DatasetPredictor.Progress value) {
            this.progress = Objects.requireNonNull(value, "progress");
            return this;
        }

        public BatchPredictor build() {
            if (classifier == null) {
                throw new IllegalArgumentException("no classifier to predict with: call setClassifier");
            }
            return new BatchPredictor(this);
        }
    }
}
