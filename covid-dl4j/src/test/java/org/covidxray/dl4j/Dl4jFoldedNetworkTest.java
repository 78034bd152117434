package org.covidxray.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.covidxray.dl4j.Dl4jNetworkBuilder.Convolution;
import org.covidxray.engine.Batch;
import org.covidxray.engine.Device;
import org.covidxray.engine.NetworkSpec;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.image.Preprocessor;
import org.covidxray.model.Architecture;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.Prediction;
import org.covidxray.model.TrainingConfig;
import org.covidxray.testing.SharedData;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The inference copy with batch norm folded in computes what the trained network computes in inference mode,
 * for every convolution layer DL4J trains with and for the classifier that serves it, on random and real images.
 */
class Dl4jFoldedNetworkTest {
    private static final List<String> CLASSES = List.of("covid", "normal", "pneumonia");
    private static final TrainingConfig CONFIG = TrainingConfig.builder().optSeed(3).optLearningRate(1e-2).build();

    @BeforeAll
    static void loadNd4j() {
        Dl4jEnvironment.ensureInitialised();
    }

    @Test
    void equalsTheTrainedNetworkForEveryConvolutionLayer() {
        // odd size, two convolutions per block, dropout: every layer kind of the builder
        Architecture arch = new Architecture("t", 13, 2, List.of(3, 5), true, 0.3);
        for (Convolution convolution : Convolution.values()) {
            MultiLayerNetwork trained = trained(arch, convolution, 17);
            INDArray x = Nd4j.rand(new int[] {5, 2, 13, 13}).subi(0.5).muli(3);
            MultiLayerNetwork folded = Dl4jFoldedNetwork.of(Dl4jParameters.of(trained, arch, CLASSES));

            assertClose(folded.output(x, false), trained.output(x, false), 1e-5);
            assertThat(folded.getLayers()).noneMatch(l -> l.conf().getLayer() instanceof BatchNormalization);
            assertThat(folded.getnLayers()).isEqualTo(trained.getnLayers() - 4);
            assertThat(Dl4jNetworkBuilder.globalPoolingIndex(folded)).isEqualTo(folded.getnLayers() - 2);
            trained.close();
            folded.close();
        }
    }

    @Test
    void theFoldIsNotTheIdentity() {
        // trained batch norm statistics are far from (mean 0, var 1): a folded copy that ignored them would differ
        Architecture arch = new Architecture("t", 12, 1, List.of(4, 6), false, 0);
        MultiLayerNetwork trained = trained(arch, Convolution.PER_IMAGE, 21);
        Layer norm = trained.getLayer(1);
        assertThat(norm.conf().getLayer()).isInstanceOf(BatchNormalization.class);
        assertThat(norm.getParam("mean").amaxNumber().doubleValue()).isGreaterThan(1e-3);
        MultiLayerNetwork folded = Dl4jFoldedNetwork.of(Dl4jParameters.of(trained, arch, CLASSES));
        INDArray bias = folded.getLayer(0).getParam("b");
        assertThat(bias.amaxNumber().doubleValue()).isGreaterThan(1e-3);
        trained.close();
        folded.close();
    }

    /** cnn4 at 64 px trained a few steps on Kermany images; the classifier (folded) against the trained network. */
    @Test
    void classifierOnRealImagesEqualsTheTrainedNetwork() throws IOException {
        Path root = SharedData.require("kaggle-pneumonia/train");
        int size = 64;
        Architecture arch = Architecture.preset("cnn4", size);
        PreprocessingConfig pre = PreprocessingConfig.defaults(size);
        Preprocessor preprocessor = new Preprocessor(pre);
        List<ImageTensor> images = new ArrayList<>();
        for (String folder : List.of("NORMAL", "PNEUMONIA")) {
            try (Stream<Path> files = Files.list(root.resolve(folder))) {
                files.sorted().limit(6).forEach(f -> images.add(preprocessor.load(f)));
            }
        }
        float[] x = new float[images.size() * size * size];
        int[] labels = new int[images.size()];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i).data(), 0, x, i * size * size, size * size);
            labels[i] = i < 6 ? 1 : 2;
        }
        Batch batch = new Batch(x, labels, images.size(), 1, size, size);
        ModelManifest manifest = new ModelManifest(ModelManifest.CURRENT_FORMAT_VERSION, "id", Dl4jBackend.NAME, "v",
                Dl4jWeights.FORMAT, arch, CLASSES, pre, null, "test", "now", null, null);
        try (Dl4jTrainableNetwork network = new Dl4jTrainableNetwork(new NetworkSpec(arch, CLASSES, CONFIG, null,
                Device.cpu()))) {
            for (int step = 0; step < 3; step++) {
                network.trainStep(batch);
            }
            INDArray expected = network.network().output(Dl4jTensors.features(images, 0, images.size()), false);
            try (Classifier classifier = network.toClassifier(manifest)) {
                List<Prediction> got = classifier.predictProbabilities(images);
                for (int i = 0; i < images.size(); i++) {
                    double[] p = got.get(i).probabilities();
                    for (int c = 0; c < CLASSES.size(); c++) {
                        assertThat(p[c]).as("image %d class %d", i, c)
                                .isCloseTo(expected.getDouble(i, c), org.assertj.core.api.Assertions.within(1e-5));
                    }
                }
            }
        }
    }

    /** A network of the builder after a few training steps on random data (batch norm statistics moved). */
    private static MultiLayerNetwork trained(Architecture arch, Convolution convolution, long seed) {
        MultiLayerNetwork network = new MultiLayerNetwork(Dl4jNetworkBuilder.configuration(arch, CLASSES.size(),
                CONFIG, null, convolution));
        network.init();
        Nd4j.getRandom().setSeed(seed);
        INDArray labels = Nd4j.zeros(6, 3);
        for (int i = 0; i < 6; i++) {
            labels.putScalar(i, i % 3, 1);
        }
        for (int step = 0; step < 5; step++) {
            // inputs with a mean and scale of their own, so the running statistics leave (0, 1)
            INDArray x = Nd4j.rand(new int[] {6, arch.channels(), arch.inputSize(), arch.inputSize()}).muli(2).addi(1);
            network.fit(x, labels);
        }
        return network;
    }

    private static void assertClose(INDArray actual, INDArray expected, double tolerance) {
        assertThat(actual.shape()).containsExactly(expected.shape());
        double maxDifference = actual.sub(expected).amaxNumber().doubleValue();
        assertThat(maxDifference).as("max |difference|").isLessThan(tolerance);
        assertThat(expected.amaxNumber().doubleValue()).isGreaterThan(0);
    }
}
