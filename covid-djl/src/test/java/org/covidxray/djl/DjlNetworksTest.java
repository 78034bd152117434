package org.covidxray.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.covidxray.export.SafetensorsWriter;
import org.covidxray.model.NamedTensor;
import org.covidxray.model.NetworkParameters;
import org.covidxray.model.Architecture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DJL network is the core {@link Architecture}, parameter for parameter, with its initialisation. */
class DjlNetworksTest {

    @Test
    void defaultCnnHasTheArchitecturesParameterCount() {
        assertCount(Architecture.defaultCnn(224), 3);
        assertCount(Architecture.defaultCnn(128), 2);
    }

    @Test
    void vggHasTheArchitecturesParameterCount() {
        assertCount(Architecture.vggSmall(224), 3);
    }

    @Test
    void outputsOneLogitPerClass() {
        Architecture architecture = Architecture.defaultCnn(64);
        try (Model model = newModel(architecture, 3); NDManager manager = model.getNDManager().newSubManager()) {
            NDArray input = manager.randomNormal(new Shape(2, 1, 64, 64));
            NDList out = model.getBlock().forward(new ParameterStore(manager, false), new NDList(input), false);
            assertThat(out.singletonOrThrow().getShape()).isEqualTo(new Shape(2, 3));
        }
    }

    @Test
    void initialisationIsHeNormalForConvolutionsAndXavierUniformForTheDenseLayer() {
        Architecture architecture = new Architecture("init", 32, 1, List.of(64, 256), false, 0.3);
        try (Model model = newModel(architecture, 3)) {
            SequentialBlock block = (SequentialBlock) model.getBlock();
            List<Parameter> convs = block.getParameters().values().stream()
                    .filter(p -> p.getType() == Parameter.Type.WEIGHT && p.getArray().getShape().dimension() == 4)
                    .toList();
            NDArray second = convs.get(1).getArray();
            assertThat(second.getShape()).isEqualTo(new Shape(256, 64, 3, 3));
            double expectedStd = Math.sqrt(2.0 / (64 * 9));
            assertThat((double) second.mean().getFloat()).isCloseTo(0, within(expectedStd * 0.02));
            double std = Math.sqrt(second.pow(2).mean().getFloat());
            assertThat(std).isCloseTo(expectedStd, within(expectedStd * 0.02));

            var dense = DjlNetworks.dense(block).getParameters();
            NDArray weight = dense.get("weight").getArray();
            double bound = Math.sqrt(6.0 / (256 + 3));
            assertThat((double) weight.abs().max().getFloat()).isLessThanOrEqualTo(bound).isGreaterThan(bound * 0.8);
            assertThat(dense.get("bias").getArray().abs().sum().getFloat()).isZero();
            block.getParameters().values().stream().filter(p -> p.getType() == Parameter.Type.GAMMA)
                    .forEach(p -> assertThat(p.getArray().min().getFloat()).isEqualTo(1f));
        }
    }

    private static void assertCount(Architecture architecture, int classes) {
        try (Model model = newModel(architecture, classes)) {
            assertThat(DjlNetworks.trainableParameterCount(model.getBlock()))
                    .isEqualTo(architecture.trainableParameterCount(classes));
        }
    }

    @Test
    void exportedParametersAreReadBackByDjlsOwnSafetensorsDecoder(@TempDir Path dir) throws Exception {
        Architecture architecture = Architecture.vggSmall(32);
        List<String> classes = List.of("covid", "normal", "pneumonia");
        try (Model model = newModel(architecture, classes.size());
             NDManager manager = model.getNDManager().newSubManager()) {
            SequentialBlock block = (SequentialBlock) model.getBlock();
            NetworkParameters parameters = DjlNetworks.parameters(block, architecture, classes);
            assertThat(parameters.tensors()).hasSize(5 * 2 * 5 + 2);
            assertThat(parameters.get("blocks.4.conv2.weight").orElseThrow().shape()).containsExactly(256, 256, 3, 3);
            Path file = dir.resolve("vgg5.safetensors");
            SafetensorsWriter.write(file, parameters.tensors(), java.util.Map.of("format", "pt"));
            NDList decoded = NDList.decode(manager, Files.readAllBytes(file));
            assertThat(decoded).extracting(NDArray::getName)
                    .containsExactlyElementsOf(parameters.tensors().stream().map(NamedTensor::name).toList());
            for (NDArray array : decoded) {
                NamedTensor tensor = parameters.get(array.getName()).orElseThrow();
                assertThat(array.getShape().getShape()).containsExactly(
                        java.util.Arrays.stream(tensor.shape()).asLongStream().toArray());
                assertThat(array.toFloatArray()).isEqualTo(tensor.values());
            }
            float[] dense = DjlNetworks.dense(block).getParameters().get("weight").getArray().toFloatArray();
            assertThat(parameters.get("classifier.weight").orElseThrow().values()).isEqualTo(dense);
        }
    }

    @Test
    void foldingBatchNormIntoTheConvolutionsKeepsTheInferenceOutput() {
        for (Architecture architecture : List.of(Architecture.defaultCnn(64), Architecture.vggSmall(64))) {
            try (Model model = newModel(architecture, 3); NDManager manager = model.getNDManager().newSubManager()) {
                SequentialBlock trained = (SequentialBlock) model.getBlock();
                // running statistics and affine parameters far from their initial 0/1, as after training
                java.util.Random random = new java.util.Random(7);
                for (var layer : trained.getChildren().values()) {
                    if (layer instanceof ai.djl.nn.norm.BatchNorm) {
                        for (String name : List.of("gamma", "beta", "runningMean", "runningVar")) {
                            NDArray array = layer.getParameters().get(name).getArray();
                            float[] values = new float[(int) array.size()];
                            for (int i = 0; i < values.length; i++) {
                                values[i] = name.equals("runningVar") ? 0.05f + 3 * random.nextFloat()
                                        : (float) random.nextGaussian();
                            }
                            array.set(java.nio.FloatBuffer.wrap(values));
                        }
                    }
                }
                SequentialBlock folded = DjlNetworks.foldBatchNorm(trained, architecture, 3, model.getNDManager());
                assertThat(folded.getChildren().values()).noneMatch(b -> b instanceof ai.djl.nn.norm.BatchNorm);
                NDArray input = manager.randomNormal(new Shape(4, 1, 64, 64));
                ParameterStore store = new ParameterStore(manager, false);
                float[] expected = trained.forward(store, new NDList(input), false).singletonOrThrow().toFloatArray();
                float[] actual = folded.forward(store, new NDList(input), false).singletonOrThrow().toFloatArray();
                assertThat(actual).hasSameSizeAs(expected);
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i]).as("%s logit %d", architecture.name(), i)
                            .isCloseTo(expected[i], within(1e-4f * Math.max(1, Math.abs(expected[i]))));
                }
                // the trained block is untouched: saving and exporting still see batch norm
                assertThat(trained.getChildren().values()).anyMatch(b -> b instanceof ai.djl.nn.norm.BatchNorm);
            }
        }
    }

    private static Model newModel(Architecture architecture, int classes) {
        DjlEngine.get();
        Model model = Model.newInstance("test", ai.djl.Device.cpu(), DjlEngine.ENGINE_NAME);
        SequentialBlock block = DjlNetworks.build(architecture, classes);
        model.setBlock(block);
        block.initialize(model.getNDManager(), DataType.FLOAT32, DjlNetworks.inputShape(architecture, 1));
        return model;
    }
}
