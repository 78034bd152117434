package org.covidxray.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.covidxray.data.Dataset;
import org.covidxray.engine.Backend;
import org.covidxray.engine.Backends;
import org.covidxray.engine.Models;
import org.covidxray.export.SafetensorsExport;
import org.covidxray.export.SafetensorsFile;
import org.covidxray.gate.DistributionCheck;
import org.covidxray.gate.FeatureCalibration;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.image.Preprocessor;
import org.covidxray.model.Architecture;
import org.covidxray.model.Classifier;
import org.covidxray.model.InputGateCalibration;
import org.covidxray.model.ModelBundle;
import org.covidxray.model.ModelFormatException;
import org.covidxray.model.NamedTensor;
import org.covidxray.model.NetworkParameters;
import org.covidxray.model.Prediction;
import org.covidxray.model.PredictionWithFeatures;
import org.covidxray.model.TrainingConfig;
import org.covidxray.training.TrainedModel;
import org.covidxray.training.TrainingLoop;
import org.covidxray.training.TrainingRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behaviour every engine must have. An engine module extends this class in its own tests and
 * returns its backend from {@link #backend()}; the suite trains one small model on generated images
 * and checks it through the public contract only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendContractSuite {
    protected static final int SIZE = 32;
    /** Classes deliberately not in alphabetical order, to catch engines that re-sort them. */
    protected static final List<String> CLASSES = List.of("pneumonia", "covid", "normal");

    @TempDir
    static Path tempDir;

    private Dataset data;
    private TrainedModel trained;

    /** The engine under test. */
    protected abstract Backend backend();

    /**
     * Whether the engine's classifiers give their {@link Classifier#networkParameters()}: every engine that
     * builds the architecture must; a test double that computes something else returns none.
     */
    protected boolean exportsNetworkParameters() {
        return true;
    }

    /** A small network so that the suite runs in seconds on a CPU. */
    protected Architecture architecture() {
        return new Architecture("tiny", SIZE, 1, List.of(8, 16), false, 0.1);
    }

    @BeforeAll
    void train() {
        data = SyntheticImages.write(tempDir.resolve("images"), CLASSES, 16, SIZE, 7);
        TrainingConfig config = TrainingConfig.builder().setEpochs(8).optBatchSize(8).optLearningRate(1e-2)
                .optSeed(11).build();
        TrainingRequest request = TrainingRequest.builder().setBackend(backend()).setArchitecture(architecture())
                .optConfig(config).setTrain(data).optValidation(data).build();
        trained = new TrainingLoop(request, null).run();
    }

    @AfterAll
    void close() {
        if (trained != null) {
            trained.close();
        }
    }

    @Test
    void registeredWithServiceLoader() {
        assertThat(Backends.all()).anyMatch(b -> b.name().equals(backend().name()));
        assertThat(backend().devices()).isNotEmpty();
        assertThat(backend().unavailableReason()).isEmpty();
    }

    @Test
    void manifestDescribesTheModel() {
        var manifest = trained.classifier().manifest();
        assertThat(manifest.backend()).isEqualTo(backend().name());
        assertThat(manifest.classNames()).containsExactlyElementsOf(CLASSES);
        assertThat(manifest.architecture()).isEqualTo(architecture());
        assertThat(manifest.provenance().history().epochs()).isNotEmpty();
        assertThat(manifest.weightsFormat()).isNotBlank();
    }

    @Test
    void learnsTheGeneratedPattern() {
        int correct = 0;
        for (var sample : data.samples()) {
            if (trained.classifier().predict(sample.path()).predictedClass().equals(sample.label())) {
                correct++;
            }
        }
        assertThat(correct / (double) data.size()).as("training accuracy").isGreaterThan(0.9);
    }

    @Test
    void classOrderIsPreserved() {
        for (String cls : CLASSES) {
            var sample = data.samples().stream().filter(s -> s.label().equals(cls)).findFirst().orElseThrow();
            Prediction p = trained.classifier().predict(sample.path());
            assertThat(p.classNames()).containsExactlyElementsOf(CLASSES);
            assertThat(p.predictedClass()).isEqualTo(cls);
        }
    }

    @Test
    void saveLoadRoundTripGivesIdenticalProbabilities() throws Exception {
        Path file = tempDir.resolve("model.zip");
        trained.classifier().save(file);
        List<ImageTensor> images = tensors(12);
        List<Prediction> before = trained.classifier().predict(images);
        try (Classifier loaded = Models.load(file)) {
            List<Prediction> after = loaded.predict(images);
            for (int i = 0; i < images.size(); i++) {
                assertThat(after.get(i).probabilities())
                        .containsExactly(before.get(i).probabilities(), org.assertj.core.data.Offset.offset(1e-6));
            }
            assertThat(loaded.manifest().modelId()).isEqualTo(trained.classifier().manifest().modelId());
        }
    }

    @Test
    void networkParametersInPyTorchLayoutGiveTheSamePredictions() {
        Classifier classifier = trained.classifier();
        var exported = classifier.networkParameters();
        assertThat(exported.isPresent()).as("network parameters present").isEqualTo(exportsNetworkParameters());
        if (exported.isEmpty()) {
            return;
        }
        NetworkParameters parameters = exported.get();
        assertThat(parameters.tensors()).extracting(NamedTensor::name).containsExactly(
                "blocks.0.conv1.weight", "blocks.0.bn1.weight", "blocks.0.bn1.bias", "blocks.0.bn1.running_mean",
                "blocks.0.bn1.running_var", "blocks.1.conv1.weight", "blocks.1.bn1.weight", "blocks.1.bn1.bias",
                "blocks.1.bn1.running_mean", "blocks.1.bn1.running_var", "classifier.weight", "classifier.bias");
        List<Integer> widths = architecture().widths();
        assertThat(parameters.get("blocks.1.conv1.weight").orElseThrow().shape())
                .containsExactly(widths.get(1), widths.get(0), 3, 3);
        assertThat(parameters.get("classifier.weight").orElseThrow().shape())
                .containsExactly(CLASSES.size(), widths.get(1));
        // trained running statistics, not the initial 0 and 1: the variance conversion is exercised
        assertThat(parameters.get("blocks.0.bn1.running_var").orElseThrow().value(0)).isNotEqualTo(1f);
        List<ImageTensor> images = tensors(6);
        List<Prediction> predictions = classifier.predictProbabilities(images);
        for (int i = 0; i < images.size(); i++) {
            assertThat(ReferenceNetwork.probabilities(parameters, images.get(i))).as("image " + i)
                    .containsExactly(predictions.get(i).probabilities(), org.assertj.core.data.Offset.offset(1e-4));
        }
        Path file = tempDir.resolve("model.safetensors");
        SafetensorsExport.write(classifier, file, "the trained model");
        SafetensorsFile read = SafetensorsFile.read(file);
        assertThat(read.tensors()).containsExactlyElementsOf(parameters.tensors());
        assertThat(read.metadata()).containsEntry("sourceBackend", backend().name())
                .containsEntry("classNames", "[\"pneumonia\",\"covid\",\"normal\"]")
                .containsEntry("inputSize", Integer.toString(SIZE));
    }

    @Test
    void batchAndSinglePredictionsAgree() {
        List<ImageTensor> images = tensors(10);
        List<Prediction> batch = trained.classifier().predict(images);
        for (int i = 0; i < images.size(); i++) {
            assertThat(trained.classifier().predict(images.get(i)).probabilities())
                    .containsExactly(batch.get(i).probabilities(), org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void concurrentPredictionsAreConsistent() throws Exception {
        List<ImageTensor> images = tensors(8);
        List<Prediction> expected = trained.classifier().predict(images);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Prediction>>> futures = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                futures.add(pool.submit(() -> trained.classifier().predict(images)));
            }
            for (Future<List<Prediction>> f : futures) {
                List<Prediction> got = f.get();
                for (int i = 0; i < images.size(); i++) {
                    assertThat(got.get(i).probabilities())
                            .containsExactly(expected.get(i).probabilities(), org.assertj.core.data.Offset.offset(1e-5));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void corruptBundleIsRefused() throws Exception {
        Path good = tempDir.resolve("good.zip");
        trained.classifier().save(good);
        ModelBundle bundle = ModelBundle.read(good);
        Path badWeights = tempDir.resolve("bad-weights.zip");
        byte[] garbage = new byte[Math.min(bundle.weights().length, 1000)];
        ModelBundle.write(badWeights, bundle.manifest(), garbage);
        assertThatThrownBy(() -> Models.load(badWeights)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("bad-weights.zip");

        Path truncated = tempDir.resolve("truncated.zip");
        byte[] all = Files.readAllBytes(good);
        Files.write(truncated, java.util.Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> Models.load(truncated)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("truncated.zip");
    }

    @Test
    void classCountMismatchIsRefused() throws Exception {
        Path good = tempDir.resolve("good2.zip");
        trained.classifier().save(good);
        ModelBundle bundle = ModelBundle.read(good);
        Path mismatched = tempDir.resolve("two-classes.zip");
        ModelBundle.write(mismatched, new org.covidxray.model.ModelManifest(bundle.manifest().formatVersion(),
                bundle.manifest().modelId(), bundle.manifest().backend(), bundle.manifest().backendVersion(),
                bundle.manifest().weightsFormat(), bundle.manifest().architecture(), List.of("a", "b"),
                bundle.manifest().preprocessing(), null, "test", "now", null, null), bundle.weights());
        assertThatThrownBy(() -> Models.load(mismatched)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("two-classes.zip");
    }

    @Test
    void featuresHaveOneFixedLengthAndAreFinite() {
        Classifier classifier = trained.classifier();
        assertThat(classifier.supportsFeatures()).as("features of the project's own architectures").isTrue();
        List<ImageTensor> images = tensors(10);
        List<float[]> batch = classifier.features(images);
        assertThat(batch).hasSize(images.size());
        int length = batch.get(0).length;
        assertThat(length).isPositive();
        for (int i = 0; i < images.size(); i++) {
            float[] single = classifier.features(List.of(images.get(i))).get(0);
            assertThat(batch.get(i)).hasSize(length);
            assertThat(single).containsExactly(batch.get(i), org.assertj.core.data.Offset.offset(1e-4f));
            for (float v : single) {
                assertThat(v).isFinite();
            }
        }
    }

    @Test
    void oneForwardPassGivesTheSameProbabilitiesAndFeaturesAsTwoCalls() {
        Classifier classifier = trained.classifier();
        // more images than any engine's chunk, so that chunk boundaries are crossed
        List<ImageTensor> images = tensors(70);
        List<Prediction> predictions = classifier.predict(images);
        List<float[]> features = classifier.features(images);
        List<PredictionWithFeatures> both = classifier.predictWithFeatures(images);
        assertThat(both).hasSize(images.size());
        for (int i = 0; i < images.size(); i++) {
            Prediction p = both.get(i).prediction();
            assertThat(p.predictedClass()).as("image %d", i).isEqualTo(predictions.get(i).predictedClass());
            assertThat(p.probabilities()).as("image %d", i).containsExactly(predictions.get(i).probabilities(),
                    org.assertj.core.data.Offset.offset(1e-6));
            assertThat(both.get(i).features()).as("image %d", i).containsExactly(features.get(i),
                    org.assertj.core.data.Offset.offset(1e-5f));
        }
        assertThat(classifier.predictWithFeatures(List.of())).isEmpty();
    }

    @Test
    void calibrationGivesFiniteDistancesAndSurvivesTheBundle() {
        Classifier classifier = trained.classifier();
        InputGateCalibration calibration = FeatureCalibration.calibrate(classifier, data);
        assertThat(calibration.images()).isEqualTo(data.size());
        assertThat(calibration.featureLength()).isEqualTo(classifier.features(tensors(1)).get(0).length);
        assertThat(calibration.threshold()).isPositive().isFinite();
        List<DistributionCheck> checks = DistributionCheck.of(
                classifier.withManifest(classifier.manifest().withInputGate(calibration)), tensors(6));
        for (DistributionCheck check : checks) {
            assertThat(check.distance()).isNotNull().isFinite().isNotNegative();
            assertThat(check.status()).isIn(DistributionCheck.Status.INSIDE, DistributionCheck.Status.OUTSIDE);
        }
        Path file = tempDir.resolve("calibrated.zip");
        ModelBundle.write(file, classifier.manifest().withInputGate(calibration), classifier.exportWeights());
        try (Classifier loaded = Models.load(file)) {
            assertThat(loaded.manifest().inputGate()).isEqualTo(calibration);
            assertThat(DistributionCheck.of(loaded, tensors(6)))
                    .extracting(DistributionCheck::distance).containsExactlyElementsOf(
                            checks.stream().map(DistributionCheck::distance).toList());
        }
    }

    protected List<ImageTensor> tensors(int count) {
        Preprocessor pre = new Preprocessor(PreprocessingConfig.defaults(SIZE));
        List<ImageTensor> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(pre.load(data.get((i * 5) % data.size()).path()));
        }
        return out;
    }
}
