package org.covidxray.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.covidxray.engine.Backends;
import org.covidxray.engine.Device;
import org.covidxray.engine.Models;
import org.covidxray.engine.NetworkSpec;
import org.covidxray.model.Architecture;
import org.covidxray.model.Classifier;
import org.covidxray.model.OutputKind;
import org.covidxray.model.Prediction;
import org.covidxray.model.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three output kinds on ONNX Runtime against PyTorch's own scores, and the bundle round trip. */
class OnnxClassifierTest {
    private static final List<Integer> IMAGES = List.of(0, 1, 2, 3);

    @Test
    void logitsGetOurSoftmaxAndMatchPyTorch() {
        try (OnnxClassifier c = OnnxClassifier.load(TinyModels.onnx("tiny_logits"))) {
            assertThat(c.manifest().outputKind()).isEqualTo(OutputKind.LOGITS);
            assertThat(c.manifest().backend()).isEqualTo(OnnxBackend.NAME);
            assertThat(c.preprocessing().centerCrop()).isFalse();
            assertMatches(c, "tiny_logits");
            Prediction p = c.predict(TinyModels.image(0));
            assertThat(p.multiLabel()).isFalse();
            assertThat(IntStream.range(0, 3).mapToDouble(p::probability).sum()).isCloseTo(1, within(1e-6));
        }
    }

    @Test
    void softmaxOutputsAreUsedAsTheyAre() {
        try (OnnxClassifier softmax = OnnxClassifier.load(TinyModels.onnx("tiny_softmax"));
             OnnxClassifier logits = OnnxClassifier.load(TinyModels.onnx("tiny_logits"))) {
            assertThat(softmax.manifest().outputKind()).isEqualTo(OutputKind.SOFTMAX);
            assertMatches(softmax, "tiny_softmax");
            for (int k : IMAGES) {
                assertThat(softmax.predict(TinyModels.image(k)).probabilities())
                        .containsExactly(logits.predict(TinyModels.image(k)).probabilities(), within(1e-6));
            }
        }
    }

    @Test
    void sigmoidOutputsAreIndependentLabelsDecidedAtTheSidecarsThresholds() {
        try (OnnxClassifier c = OnnxClassifier.load(TinyModels.onnx("tiny_multilabel"))) {
            assertThat(c.manifest().multiLabel()).isTrue();
            assertThat(c.preprocessing().centerCrop()).isTrue();
            assertThat(c.decisionRule().labelThresholds()).containsEntry("Effusion", 0.7).containsEntry("COVID-19", 0.35)
                    .containsEntry("Atelectasis", 0.5);
            assertMatches(c, "tiny_multilabel");
            for (int k : IMAGES) {
                Prediction p = c.predict(TinyModels.image(k));
                double[] expected = TinyModels.expected("tiny_multilabel", k);
                List<String> present = IntStream.range(0, expected.length)
                        .filter(i -> expected[i] >= c.decisionRule().labelThreshold(c.classNames().get(i)))
                        .mapToObj(c.classNames()::get).toList();
                assertThat(p.presentLabels()).isEqualTo(present);
            }
            // image 0: Effusion 0.80 (>= 0.7) and COVID-19 0.75 present, Pneumonia 0.23 not; the scores sum to 2.9
            Prediction first = c.predict(TinyModels.image(0));
            assertThat(first.presentLabels()).contains("Effusion", "COVID-19").doesNotContain("Pneumonia");
            assertThat(IntStream.range(0, 5).mapToDouble(first::probability).sum()).isGreaterThan(1.5);
        }
    }

    @Test
    void aSavedBundleLoadsThroughTheSpiWithTheSameScores(@TempDir Path dir) {
        Path bundle = dir.resolve("multi.zip");
        try (OnnxClassifier c = OnnxClassifier.load(TinyModels.onnx("tiny_multilabel"))) {
            c.save(bundle);
            try (Classifier back = Models.load(bundle)) {
                assertThat(back.manifest().outputKind()).isEqualTo(OutputKind.SIGMOID);
                assertThat(back.decisionRule()).isEqualTo(c.decisionRule());
                assertThat(back.predict(TinyModels.image(2)).probabilities())
                        .containsExactly(c.predict(TinyModels.image(2)).probabilities());
            }
        }
    }

    @Test
    void theBackendIsListedAndRefusesToTrain() {
        assertThat(Backends.all()).extracting(b -> b.name()).contains(OnnxBackend.NAME);
        OnnxBackend backend = (OnnxBackend) Backends.get(OnnxBackend.NAME);
        assertThat(backend.unavailableReason()).isEmpty();
        assertThat(backend.engineVersion()).contains("ONNX Runtime 1.21.1");
        assertThatThrownBy(() -> backend.createNetwork(new NetworkSpec(Architecture.defaultCnn(32), List.of("a", "b"),
                TrainingConfig.builder().build(), null, Device.cpu())))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("cannot train")
                .hasMessageContaining("--engine djl");
        // it never becomes the default backend for training by rank
        assertThat(backend.rank()).isLessThan(10);
    }

    @Test
    void concurrentPredictionsAgreeWithSequentialOnes() {
        try (OnnxClassifier c = OnnxClassifier.load(TinyModels.onnx("tiny_logits"))) {
            List<double[]> sequential = IMAGES.stream().map(k -> c.predict(TinyModels.image(k)).probabilities()).toList();
            List<double[]> parallel = IMAGES.parallelStream().map(k -> c.predict(TinyModels.image(k)).probabilities())
                    .toList();
            for (int k : IMAGES) {
                assertThat(parallel.get(k)).containsExactly(sequential.get(k));
            }
        }
    }

    private static void assertMatches(Classifier c, String name) {
        List<Prediction> batch = c.predict(IMAGES.stream().map(TinyModels::image).toList());
        for (int k : IMAGES) {
            assertThat(batch.get(k).probabilities()).containsExactly(TinyModels.expected(name, k), within(1e-5));
        }
    }
}
