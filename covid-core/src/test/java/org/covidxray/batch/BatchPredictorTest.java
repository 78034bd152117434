package org.covidxray.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.covidxray.gate.DistributionCheck;
import org.covidxray.image.Preprocessor;
import org.covidxray.model.Classifier;
import org.covidxray.model.Prediction;
import org.covidxray.testing.FunctionClassifier;
import org.covidxray.testing.GateImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchPredictorTest {
    private static final List<String> CLASSES = List.of("covid", "normal");

    @TempDir
    Path dir;

    private Classifier model;

    @BeforeEach
    void model() {
        // P(covid) grows with the image's mean brightness, so every image gets its own probabilities
        model = new FunctionClassifier(CLASSES, 32, null, t -> {
            double sum = 0;
            for (float v : t.data()) {
                sum += v;
            }
            double p = 1 / (1 + Math.exp(-sum / t.data().length));
            return new double[] {p, 1 - p};
        });
    }

    @Test
    void everyImageGetsARowInInputOrderAndFailuresDoNotStopTheRun() throws IOException {
        List<BatchImage> images = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Path f = dir.resolve("img" + i + ".png");
            Files.write(f, GateImages.png(GateImages.radiographLike(300 + 10 * i, 300, i)));
            images.add(new BatchImage(f.toString(), i % 2 == 0 ? "covid" : "normal", "p" + i));
        }
        Path corrupt = dir.resolve("corrupt.png");
        Files.write(corrupt, new byte[] {1, 2, 3, 4, 5});
        Path tiny = dir.resolve("tiny.png");
        Files.write(tiny, GateImages.png(GateImages.radiographLike(20, 20, 9)));
        images.add(2, BatchImage.of(corrupt.toString()));
        images.add(5, BatchImage.of(tiny.toString()));
        images.add(BatchImage.of(dir.resolve("missing.png").toString()));
        List<BatchRow> rows = new ArrayList<>();
        List<Integer> progress = new ArrayList<>();
        BatchSummary summary = BatchPredictor.builder().setClassifier(model).optChunkSize(3)
                .optProgress((done, total) -> progress.add(done)).build().run(images, rows::add);

        assertThat(rows).extracting(BatchRow::path).containsExactlyElementsOf(images.stream().map(BatchImage::path).toList());
        assertThat(summary).isEqualTo(new BatchSummary(10, 7, 1, 2, 0));
        assertThat(progress).containsExactly(3, 6, 9, 10);
        BatchRow bad = rows.get(2);
        assertThat(bad.predictedOk()).isFalse();
        assertThat(bad.gate()).isEqualTo(BatchRow.UNREADABLE);
        assertThat(bad.error()).contains(corrupt.toString());
        assertThat(rows.get(5).gate()).isEqualTo("refused:too_small");
        assertThat(rows.get(5).refusalReason()).isEqualTo("too_small");
        assertThat(rows.get(5).error()).contains(tiny.toString()).contains("shorter side");
        assertThat(rows.get(9).error()).contains("missing.png").contains("does not exist");
        // the same probabilities and class as predicting one file at a time, the way covid predict did
        Preprocessor preprocessor = new Preprocessor(model.preprocessing());
        for (BatchRow row : rows) {
            if (row.predictedOk()) {
                Prediction single = model.predict(preprocessor.load(Path.of(row.path())));
                assertThat(row.probabilities()).containsExactly(single.probabilities());
                assertThat(row.predicted()).isEqualTo(single.predictedClass());
                assertThat(row.gate()).isEqualTo(DistributionCheck.Status.NOT_AVAILABLE.code());
            }
        }
        assertThat(rows.get(0).label()).isEqualTo("covid");
        assertThat(rows.get(0).patient()).isEqualTo("p0");
    }

    @Test
    void encodedBytesPredictLikeFiles() throws IOException {
        Path f = dir.resolve("a.png");
        byte[] bytes = GateImages.png(GateImages.radiographLike(320, 300, 3));
        Files.write(f, bytes);
        BatchPredictor predictor = BatchPredictor.builder().setClassifier(model).build();
        BatchImage image = BatchImage.of(f.toString());
        assertThat(predictor.predictEncoded(List.of(new BatchPredictor.EncodedImage(image, bytes))))
                .isEqualTo(predictor.predict(List.of(image)));
    }

    @Test
    void aRowHasEitherProbabilitiesOrAnError() {
        assertThatThrownBy(() -> new BatchRow("x", null, null, null, null, "inside", null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BatchPredictor.builder().optChunkSize(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
