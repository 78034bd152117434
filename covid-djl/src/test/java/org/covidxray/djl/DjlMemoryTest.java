package org.covidxray.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.covidxray.engine.Batch;
import org.covidxray.engine.Device;
import org.covidxray.engine.NetworkSpec;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.model.Architecture;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.TrainingConfig;
import org.junit.jupiter.api.Test;

/**
 * Training steps and predictions leave no NDArray behind: every array of an iteration lives in a
 * manager that is closed when the iteration ends (without that, resident memory grew by gigabytes
 * over a few dozen iterations).
 */
class DjlMemoryTest {
    private static final int SIZE = 32;
    private static final Architecture ARCHITECTURE = new Architecture("mem", SIZE, 1, List.of(4, 8), false, 0.2);

    @Test
    void trainingStepsAndValidationLeaveNoArraysBehind() {
        NetworkSpec spec = new NetworkSpec(ARCHITECTURE, List.of("a", "b"),
                TrainingConfig.builder().setEpochs(1).build(), new float[] {1f, 2f}, Device.cpu());
        try (DjlTrainableNetwork network = new DjlTrainableNetwork(spec)) {
            Batch batch = batch(8);
            network.trainStep(batch);
            network.predict(batch);
            int after1 = network.liveArrays();
            for (int i = 0; i < 20; i++) {
                network.trainStep(batch);
                network.predict(batch);
            }
            assertThat(network.liveArrays()).isEqualTo(after1);
            network.importWeights(network.exportWeights());
            assertThat(network.liveArrays()).isEqualTo(after1);
        }
    }

    @Test
    void predictionsLeaveNoArraysBehind() {
        NetworkSpec spec = new NetworkSpec(ARCHITECTURE, List.of("a", "b"),
                TrainingConfig.builder().setEpochs(1).build(), null, Device.cpu());
        ModelManifest manifest = new ModelManifest(ModelManifest.CURRENT_FORMAT_VERSION, "m", DjlBackend.NAME, "test",
                DjlWeights.FORMAT, ARCHITECTURE, spec.classNames(), PreprocessingConfig.defaults(SIZE), null, "test",
                "now", null, null);
        try (DjlTrainableNetwork network = new DjlTrainableNetwork(spec);
             DjlClassifier classifier = (DjlClassifier) network.toClassifier(manifest)) {
            ImageTensor image = new ImageTensor(batch(1).images(), 1, SIZE, SIZE);
            classifier.predict(image);
            int before = classifier.liveArrays();
            for (int i = 0; i < 50; i++) {
                classifier.predict(List.of(image, image, image));
            }
            assertThat(classifier.liveArrays()).isEqualTo(before);
        }
    }

    private static Batch batch(int n) {
        float[] data = new float[n * SIZE * SIZE];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int p = 0; p < SIZE * SIZE; p++) {
                data[i * SIZE * SIZE + p] = ((p % SIZE) < SIZE / 2) == (i % 2 == 0) ? 1f : -1f;
            }
        }
        return new Batch(data, labels, n, 1, SIZE, SIZE);
    }
}
