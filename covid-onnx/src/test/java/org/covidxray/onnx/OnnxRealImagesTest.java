package org.covidxray.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.Preprocessor;
import org.covidxray.model.Prediction;
import org.covidxray.testing.SharedData;
import org.junit.jupiter.api.Test;

/** Real X-rays (../shared/data/seed-50; skipped when absent) through the whole path: decode, centre-crop, predict. */
class OnnxRealImagesTest {

    @Test
    void realImagesArePredictedAsTheyAreOneByOneOrInABatch() throws IOException {
        Path covid = SharedData.require("seed-50/covid");
        List<Path> files;
        try (Stream<Path> list = Files.list(covid)) {
            files = list.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(6).toList();
        }
        assertThat(files).hasSize(6);
        try (OnnxClassifier multi = OnnxClassifier.load(TinyModels.onnx("tiny_multilabel"));
             OnnxClassifier logits = OnnxClassifier.load(TinyModels.onnx("tiny_logits"))) {
            Preprocessor preprocessor = new Preprocessor(multi.preprocessing());
            List<ImageTensor> tensors = files.stream().map(preprocessor::load).toList();
            List<Prediction> batch = multi.predict(tensors);
            for (int i = 0; i < files.size(); i++) {
                Prediction one = multi.predict(files.get(i));
                assertThat(one.probabilities()).containsExactly(batch.get(i).probabilities(), within(1e-6));
                assertThat(one.multiLabel()).isTrue();
                assertThat(java.util.Arrays.stream(one.probabilities()).boxed().toList())
                        .allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
                Prediction single = logits.predict(files.get(i));
                assertThat(java.util.Arrays.stream(single.probabilities()).sum()).isCloseTo(1, within(1e-6));
            }
            // different films give different scores: the images reach the network
            assertThat(batch.get(0).probabilities()).isNotEqualTo(batch.get(1).probabilities());
        }
    }
}
