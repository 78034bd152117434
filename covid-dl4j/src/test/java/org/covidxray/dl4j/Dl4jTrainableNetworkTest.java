package org.covidxray.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.covidxray.engine.Batch;
import org.covidxray.engine.Device;
import org.covidxray.engine.NetworkSpec;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.model.Architecture;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.Prediction;
import org.covidxray.model.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Loss semantics, learning-rate changes, weights round trip and the classifier's pool of copies. */
class Dl4jTrainableNetworkTest {
    private static final int SIZE = 16;
    private static final Architecture ARCH = new Architecture("t", SIZE, 1, List.of(4, 8), false, 0);

    private static NetworkSpec spec(float[] weights, double lr) {
        return new NetworkSpec(ARCH, List.of("a", "b", "c"), TrainingConfig.builder().optLearningRate(lr).optSeed(1)
                .build(), weights, Device.cpu());
    }

    private static Batch batch(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * SIZE * SIZE];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i < n / 2 ? 0 : 1 + i % 2;
        }
        return new Batch(x, labels, n, 1, SIZE, SIZE);
    }

    /** PyTorch's CrossEntropyLoss(weight=w): sum(w[y] * -log p[y]) / sum(w[y]). */
    @Test
    void classWeightedLossIsTheWeightedMeanOfPyTorch() {
        float[] w = {0.5f, 2f, 3f};
        Batch b = batch(6, 3);
        try (Dl4jTrainableNetwork network = new Dl4jTrainableNetwork(spec(w, 1e-3))) {
            INDArray p = network.network().output(Dl4jTensors.features(b), true);
            double num = 0;
            double den = 0;
            for (int i = 0; i < b.size(); i++) {
                int y = b.labels()[i];
                num += w[y] * -Math.log(p.getDouble(i, y));
                den += w[y];
            }
            assertThat(network.trainStep(b).loss()).isCloseTo(num / den, within(1e-4));
        }
    }

    /** DL4J keeps a step's activations in per-thread workspaces; closing the network must hand them back. */
    @Test
    void closeFreesTheTrainingThreadsWorkspaces() {
        Dl4jTrainableNetwork network = new Dl4jTrainableNetwork(spec(null, 1e-3));
        network.trainStep(batch(8, 5));
        assertThat(Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()).isNotEmpty();
        network.close();
        assertThat(Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()).isEmpty();
    }

    @Test
    void learningRateCanBeChangedAndZeroFreezesTheDenseWeights() {
        Batch b = batch(8, 4);
        try (Dl4jTrainableNetwork network = new Dl4jTrainableNetwork(spec(null, 1e-2))) {
            network.setLearningRate(1e-30);
            INDArray before = network.network().getOutputLayer().getParam("W").dup();
            network.trainStep(b);
            assertThat(network.network().getOutputLayer().getParam("W").equalsWithEps(before, 1e-12)).isTrue();
            network.setLearningRate(1e-2);
            network.trainStep(b);
            assertThat(network.network().getOutputLayer().getParam("W").equalsWithEps(before, 1e-6)).isFalse();
        }
    }

    @Test
    void importedWeightsReproduceTheExportedPredictions() {
        Batch b = batch(8, 5);
        try (Dl4jTrainableNetwork network = new Dl4jTrainableNetwork(spec(null, 1e-2))) {
            network.trainStep(b);
            byte[] saved = network.exportWeights();
            float[][] expected = network.predict(b);
            network.trainStep(b);
            network.trainStep(b);
            assertThat(network.predict(b)[0]).isNotEqualTo(expected[0]);
            network.importWeights(saved);
            float[][] again = network.predict(b);
            for (int i = 0; i < b.size(); i++) {
                assertThat(again[i]).containsExactly(expected[i]);
            }
        }
    }

    @Test
    void concurrentCallersShareABoundedPoolOfNetworkCopies() throws Exception {
        ModelManifest manifest = new ModelManifest(ModelManifest.CURRENT_FORMAT_VERSION, "id", Dl4jBackend.NAME, "v",
                Dl4jWeights.FORMAT, ARCH, List.of("a", "b", "c"), PreprocessingConfig.defaults(SIZE), null, "test",
                "now", null, null);
        Batch b = batch(6, 6);
        List<ImageTensor> images = new ArrayList<>();
        for (int i = 0; i < b.size(); i++) {
            float[] x = new float[SIZE * SIZE];
            System.arraycopy(b.images(), i * x.length, x, 0, x.length);
            images.add(new ImageTensor(x, 1, SIZE, SIZE));
        }
        try (Dl4jTrainableNetwork network = new Dl4jTrainableNetwork(spec(null, 1e-2))) {
            network.trainStep(b);
            Dl4jClassifier classifier = (Dl4jClassifier) network.toClassifier(manifest);
            List<Prediction> expected = classifier.predict(images);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<List<Prediction>>> futures = new ArrayList<>();
                for (int t = 0; t < 40; t++) {
                    futures.add(pool.submit(() -> classifier.predict(images)));
                }
                for (Future<List<Prediction>> f : futures) {
                    List<Prediction> got = f.get();
                    for (int i = 0; i < images.size(); i++) {
                        assertThat(got.get(i).probabilities()).containsExactly(expected.get(i).probabilities());
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(classifier.replicaCount()).isBetween(1, Dl4jClassifier.MAX_REPLICAS);
            classifier.close();
        }
    }
}
