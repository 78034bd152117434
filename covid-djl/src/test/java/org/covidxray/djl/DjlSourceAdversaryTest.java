package org.covidxray.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.covidxray.engine.Batch;
import org.covidxray.engine.Device;
import org.covidxray.engine.NetworkSpec;
import org.covidxray.engine.StepResult;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.model.Architecture;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.TrainingConfig;
import org.junit.jupiter.api.Test;

/**
 * Source-adversarial training on DJL: the gradient reversal, the class-conditional source head, and that
 * the weights it leaves are the plain classifier's.
 */
class DjlSourceAdversaryTest {
    private static final int SIZE = 16;
    // no dropout: its random masks come from PyTorch's generator, which the source head's initialisation advances,
    // so with dropout the two networks of a comparison would see different masks
    private static final Architecture ARCHITECTURE = new Architecture("adv", SIZE, 1, List.of(4, 8), false, 0);
    private static final List<String> SOURCES = List.of("left-dot", "right-dot");

    @Test
    void reversalIsTheIdentityForwardAndMinusTheFactorBackward() {
        DjlEngine.get();
        try (NDManager manager = NDManager.newBaseManager(DjlEngine.ENGINE_NAME)) {
            float[] values = {1.5f, -2f, 0.25f, 4f};
            float[] upstream = {1f, 2f, -3f, 0.5f};
            NDArray identity = manager.create(values);
            NDArray reversed = manager.create(values);
            identity.setRequiresGradient(true);
            reversed.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getEngine(DjlEngine.ENGINE_NAME).newGradientCollector()) {
                NDArray y = DjlGradientReversal.apply(reversed, 0.3f);
                float[] forward = y.toFloatArray();
                for (int i = 0; i < values.length; i++) {
                    assertThat(forward[i]).isCloseTo(values[i], within(1e-6f));
                }
                collector.backward(y.mul(manager.create(upstream)).sum()
                        .add(identity.mul(manager.create(upstream)).sum()));
            }
            float[] plain = identity.getGradient().toFloatArray();
            float[] back = reversed.getGradient().toFloatArray();
            for (int i = 0; i < values.length; i++) {
                assertThat(plain[i]).isEqualTo(upstream[i]);
                assertThat(back[i]).isCloseTo(-0.3f * plain[i], within(1e-6f));
            }
        }
    }

    @Test
    void rampStartsAtZeroAndApproachesTheWeight() {
        assertThat(DjlGradientReversal.ramp(0.3, 0)).isZero();
        assertThat(DjlGradientReversal.ramp(0.3, 0.1)).isCloseTo((float) (0.3 * (2 / (1 + Math.exp(-1)) - 1)), within(1e-6f));
        assertThat(DjlGradientReversal.ramp(0.3, 1)).isCloseTo(0.3f, within(1e-4f)).isLessThan(0.3f);
        assertThat(DjlGradientReversal.ramp(0.3, 0.5)).isGreaterThan(DjlGradientReversal.ramp(0.3, 0.2));
    }

    @Test
    void theSourceHeadLearnsAndWithoutReversalLeavesTheClassifierAsThePlainOne() {
        Batch batch = batch(16, true);
        try (DjlTrainableNetwork adversarial = new DjlTrainableNetwork(spec(0.3));
             DjlTrainableNetwork plain = new DjlTrainableNetwork(spec(0))) {
            assertThat(adversarial.trainableParameterCount()).isEqualTo(ARCHITECTURE.trainableParameterCount(2));
            List<Double> sourceLosses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                adversarial.setTrainingProgress(0); // reversal 0: the head learns, the features feel nothing
                StepResult step = adversarial.trainStep(batch);
                StepResult reference = plain.trainStep(batch);
                assertThat(step.hasSourceLoss()).isTrue();
                assertThat(reference.hasSourceLoss()).isFalse();
                assertThat(step.loss()).isCloseTo(reference.loss(), within(1e-4));
                sourceLosses.add(step.sourceLoss());
            }
            assertThat(adversarial.lastReversal()).isZero();
            // the head learns something of the dot that tells the sources apart: below its first step and below
            // chance (ln 2), from the 8 pooled features of a classifier not trained to keep the dot
            assertThat(sourceLosses.get(39)).isLessThan(sourceLosses.get(0)).isLessThan(Math.log(2) - 0.02);
            float[][] a = adversarial.predict(batch);
            float[][] p = plain.predict(batch);
            assertThat(a).hasDimensions(16, 2);
            for (int i = 0; i < a.length; i++) {
                assertThat(a[i][0]).isCloseTo(p[i][0], within(1e-4f));
            }
        }
    }

    @Test
    void theReversalChangesTheClassifierAndItsWeightsLoadIntoAPlainNetwork() {
        Batch batch = batch(16, true);
        try (DjlTrainableNetwork adversarial = new DjlTrainableNetwork(spec(0.3));
             DjlTrainableNetwork plain = new DjlTrainableNetwork(spec(0))) {
            for (int i = 0; i < 20; i++) {
                adversarial.setTrainingProgress(1);
                adversarial.trainStep(batch);
                plain.trainStep(batch);
            }
            assertThat(adversarial.lastReversal()).isCloseTo(0.3f, within(1e-3f));
            float[][] trained = adversarial.predict(batch);
            assertThat(maxDifference(trained, plain.predict(batch))).isGreaterThan(1e-3f);

            // the bundle's weights are the classifier's alone: a plain network reads them and predicts alike
            plain.importWeights(adversarial.exportWeights());
            ImageTensor image = new ImageTensor(batch(1, true).images(), 1, SIZE, SIZE);
            try (Classifier fromPlain = plain.toClassifier(manifest());
                 Classifier fromAdversarial = adversarial.toClassifier(manifest())) {
                double[] p = fromPlain.predict(image).probabilities();
                assertThat(p).hasSize(2);
                assertThat(p[0]).isCloseTo(trained[0][0], within(1e-4));
                assertThat(fromAdversarial.predict(image).probabilities()).containsExactly(p);
            }
        }
    }

    @Test
    void aBatchWithoutSourcesIsRefused() {
        try (DjlTrainableNetwork adversarial = new DjlTrainableNetwork(spec(0.3))) {
            assertThatThrownBy(() -> adversarial.trainStep(batch(4, false)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source");
        }
    }

    private static NetworkSpec spec(double adversarialWeight) {
        return new NetworkSpec(ARCHITECTURE, List.of("a", "b"), TrainingConfig.builder().setEpochs(1).optSeed(3)
                .optAdversarialWeight(adversarialWeight).build(), null, Device.cpu(), SOURCES);
    }

    private static ModelManifest manifest() {
        return new ModelManifest(ModelManifest.CURRENT_FORMAT_VERSION, "m", DjlBackend.NAME, "test", DjlWeights.FORMAT,
                ARCHITECTURE, List.of("a", "b"), PreprocessingConfig.defaults(SIZE), null, "test", "now", null, null);
    }

    /** Class: top or bottom half bright; source (independent of the class): a dot in the left or right corner. */
    private static Batch batch(int n, boolean withSources) {
        float[] data = new float[n * SIZE * SIZE];
        int[] labels = new int[n];
        int[] sources = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            sources[i] = (i / 2) % 2;
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    float v = (y < SIZE / 2) == (labels[i] == 0) ? 0.5f : -0.5f;
                    boolean dot = y < 3 && (sources[i] == 0 ? x < 3 : x >= SIZE - 3);
                    data[i * SIZE * SIZE + y * SIZE + x] = dot ? 3f : v;
                }
            }
        }
        return new Batch(data, labels, n, 1, SIZE, SIZE, withSources ? sources : null);
    }

    private static float maxDifference(float[][] a, float[][] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < a[i].length; k++) {
                max = Math.max(max, Math.abs(a[i][k] - b[i][k]));
            }
        }
        return max;
    }
}
