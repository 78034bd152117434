package org.covidxray.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.covidxray.Version;
import org.covidxray.data.ClassFolderDataset;
import org.covidxray.data.DatasetOptions;
import org.covidxray.engine.Backends;
import org.covidxray.engine.DeviceType;
import org.covidxray.engine.Models;
import org.covidxray.examples.model.BundledModel;
import org.covidxray.export.SafetensorsExport;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.io.Json;
import org.covidxray.model.Architecture;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelBundle;
import org.covidxray.model.ModelCard;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.TrainingConfig;
import org.covidxray.testing.SharedData;
import org.covidxray.training.TrainedModel;
import org.covidxray.training.TrainingLoop;
import org.covidxray.training.TrainingRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The export to PyTorch end to end, for a model of each engine: parameters written by
 * {@link SafetensorsExport}, the network rebuilt by {@code rebuild_from_safetensors.py} in real PyTorch
 * (Debian's python3-torch), its TorchScript loaded back through covid-djl's TorchScript import (found by
 * the SPI from a bundle, as {@code Models.load} does), and the probabilities compared with the Java
 * model's on real X-rays. Needs PyTorch: run with {@code -Ppytorch} (docs/engines.md).
 */
class PyTorchExportIT {
    private static final Path SCRIPT = Path.of("src/main/python/rebuild_from_safetensors.py");
    private static final String PYTHON = System.getProperty("covid.python", "/usr/bin/python3");
    private static final double TOLERANCE = 1e-4;
    private static final Logger LOG = LoggerFactory.getLogger(PyTorchExportIT.class);

    @TempDir
    Path dir;

    @Test
    void bundledDjlModel() throws Exception {
        List<Path> images = realImages();
        try (Classifier java = Models.load(BundledModel.read(), DeviceType.CPU)) {
            assertSameProbabilities(java, images, "bundled");
        }
    }

    @Test
    void dl4jModelTrainedHereWithTwoConvolutionsPerBlockAndABorderMask() throws Exception {
        List<Path> images = realImages();
        Path seed = SharedData.require("seed-50");
        var data = new ClassFolderDataset().load(DatasetOptions.of(seed));
        Architecture architecture = new Architecture("tiny-vgg", 64, 1, List.of(8, 16), true, 0.1);
        TrainingRequest request = TrainingRequest.builder().setBackend(Backends.get("dl4j"))
                .setArchitecture(architecture)
                .optPreprocessing(PreprocessingConfig.defaults(64).withBorderMask(0.05f))
                .optConfig(TrainingConfig.builder().setEpochs(2).optBatchSize(16).optSeed(5).build())
                .setTrain(data).build();
        try (TrainedModel trained = new TrainingLoop(request, null).run()) {
            assertThat(trained.classifier().manifest().backend()).isEqualTo("dl4j");
            assertSameProbabilities(trained.classifier(), images, "dl4j");
        }
    }

    private void assertSameProbabilities(Classifier java, List<Path> images, String name) throws Exception {
        Path exported = dir.resolve(name + ".safetensors");
        SafetensorsExport.write(java, exported, name);
        Path out = dir.resolve("out");
        runScript(exported, out);
        Path onnx = out.resolve(name + ".onnx");
        assertThat(onnx).as("ONNX written").isNotEmptyFile();
        assertThat(out.resolve(name + ".onnx.json")).isNotEmptyFile();
        try (Classifier torch = Models.load(torchScriptBundle(out.resolve(name + ".pt"), out.resolve(name + ".json")),
                DeviceType.CPU)) {
            assertThat(torch.classNames()).containsExactlyElementsOf(java.classNames());
            double largest = 0;
            for (Path image : images) {
                double[] expected = java.predict(image).probabilities();
                double[] actual = torch.predict(image).probabilities();
                assertThat(actual).as(image.toString()).containsExactly(expected, Offset.offset(TOLERANCE));
                for (int k = 0; k < expected.length; k++) {
                    largest = Math.max(largest, Math.abs(actual[k] - expected[k]));
                }
            }
            LOG.info("{}: TorchScript rebuilt in PyTorch matches the {} model on {} X-rays, largest difference {}",
                    name, java.manifest().backend(), images.size(), largest);
        }
    }

    private static void runScript(Path exported, Path out) throws IOException, InterruptedException {
        Path log = out.resolveSibling("script.log");
        Process process = new ProcessBuilder(PYTHON, SCRIPT.toString(), exported.toString(), "--out-dir",
                out.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("script finished").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(PYTHON + " " + SCRIPT + " (is python3-torch installed?):\n" + output)
                .isZero();
        assertThat(output).contains("TorchScript:").contains("ONNX:");
    }

    /** A bundle of the TorchScript file as covid-djl's import stores one: gray [0, 1] input, the sidecar in the card. */
    @SuppressWarnings("unchecked")
    private static ModelBundle torchScriptBundle(Path script, Path sidecarFile) throws IOException {
        Map<String, Object> sidecar = Json.mapper().readValue(sidecarFile.toFile(), Map.class);
        List<String> classes = (List<String>) sidecar.get("classNames");
        int size = ((Number) sidecar.get("inputSize")).intValue();
        PreprocessingConfig gray = new PreprocessingConfig(size, false, false, 0f, 1f,
                PreprocessingConfig.DEFAULT_MAX_PIXELS, 0f);
        ModelManifest manifest = new ModelManifest(ModelManifest.CURRENT_FORMAT_VERSION, "exported", "djl", "test",
                "torchscript", null, classes, gray, null, Version.get(), "now",
                ModelCard.empty().withExtra("torchscript", sidecar), null);
        return new ModelBundle(script, manifest, Files.readAllBytes(script));
    }

    /** X-rays of several sources, sizes and bit depths. */
    private static List<Path> realImages() throws IOException {
        List<Path> images = new ArrayList<>();
        images.addAll(first(SharedData.require("seed-50/covid"), 3));
        images.addAll(first(SharedData.require("seed-50/normal"), 3));
        images.addAll(first(SharedData.require("nih-chestxray14-adult/images"), 2));
        images.addAll(first(SharedData.require("kaggle-pneumonia/train/PNEUMONIA"), 2));
        return images;
    }

    private static List<Path> first(Path folder, int count) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted().limit(count).toList();
        }
    }
}
