package org.covidxray.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.covidxray.data.Dataset;
import org.covidxray.engine.Backends;
import org.covidxray.engine.Models;
import org.covidxray.image.Preprocessor;
import org.covidxray.io.Json;
import org.covidxray.model.Architecture;
import org.covidxray.model.Classifier;
import org.covidxray.model.InputGateCalibration;
import org.covidxray.model.ModelBundle;
import org.covidxray.model.TrainingConfig;
import org.covidxray.testing.FakeBackend;
import org.covidxray.testing.SyntheticImages;
import org.covidxray.training.TrainedModel;
import org.covidxray.training.TrainingLoop;
import org.covidxray.training.TrainingRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calibration in the bundle: written, read back, and absent from older bundles without harm. */
class CalibratedBundleTest {
    private static final List<String> CLASSES = List.of("covid", "normal");

    @TempDir
    Path dir;

    private TrainedModel train(Dataset train) {
        TrainingRequest request = TrainingRequest.builder().setBackend(Backends.get(FakeBackend.NAME))
                .setArchitecture(Architecture.defaultCnn(32))
                .optConfig(TrainingConfig.builder().setEpochs(2).optBatchSize(4).optSeed(1).build())
                .setTrain(train).optValidation(train).build();
        return new TrainingLoop(request, null).run();
    }

    @Test
    void aCalibratedBundleRoundTripsAndFlagsAnImageUnlikeItsValidationImages() throws Exception {
        Dataset images = SyntheticImages.write(dir.resolve("img"), CLASSES, 10, 32, 3);
        try (TrainedModel trained = train(images)) {
            Classifier classifier = trained.classifier();
            InputGateCalibration calibration = FeatureCalibration.calibrateIfPossible(classifier, images).orElseThrow();
            Path file = dir.resolve("model.zip");
            ModelBundle.write(file, classifier.manifest().withInputGate(calibration), classifier.exportWeights());
            String json = new String(readManifest(file), StandardCharsets.UTF_8);
            assertThat(json).contains("\"inputGate\"").contains(InputGateCalibration.METHOD);
            try (Classifier loaded = Models.load(file)) {
                assertThat(loaded.manifest().inputGate()).isEqualTo(calibration);
                Preprocessor pre = new Preprocessor(loaded.preprocessing());
                List<DistributionCheck> own = DistributionCheck.of(loaded,
                        images.samples().stream().map(s -> pre.load(s.path())).toList());
                // the 99th percentile of 20 distances lies between the two largest: only the largest is beyond
                assertThat(own).filteredOn(DistributionCheck::outside).hasSizeLessThanOrEqualTo(1);
                Path white = Files.write(dir.resolve("white.png"),
                        org.covidxray.testing.GateImages.png(org.covidxray.testing.GateImages.constant(32, 32, 255)));
                DistributionCheck far = DistributionCheck.of(loaded, pre.load(white));
                assertThat(far.status()).isEqualTo(DistributionCheck.Status.OUTSIDE);
                assertThat(far.distance()).isGreaterThan(far.threshold());
            }
        }
    }

    @Test
    void aBundleWrittenBeforeTheCalibrationExistedLoadsAndSaysNotCalibrated() throws Exception {
        Dataset images = SyntheticImages.write(dir.resolve("img"), CLASSES, 4, 32, 3);
        try (TrainedModel trained = train(images)) {
            Classifier classifier = trained.classifier();
            var tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().valueToTree(classifier.manifest());
            tree.remove("inputGate");
            Path old = dir.resolve("old.zip");
            writeZip(old, Json.mapper().writeValueAsBytes(tree), classifier.exportWeights());
            try (Classifier loaded = Models.load(old)) {
                assertThat(loaded.manifest().inputGate()).isNull();
                DistributionCheck check = DistributionCheck.of(loaded,
                        new Preprocessor(loaded.preprocessing()).load(images.get(0).path()));
                assertThat(check.status()).isEqualTo(DistributionCheck.Status.NOT_CALIBRATED);
                assertThat(check.toMap()).containsEntry("outside", null).containsEntry("distance", null);
            }
        }
    }

    @Test
    void tooFewValidationImagesMeanNoCalibration() {
        Dataset images = SyntheticImages.write(dir.resolve("few"), CLASSES, 2, 32, 3);
        try (TrainedModel trained = train(images)) {
            assertThat(FeatureCalibration.calibrateIfPossible(trained.classifier(), images)).isEmpty();
            assertThat(FeatureCalibration.calibrateIfPossible(trained.classifier(), null)).isEmpty();
        }
    }

    private static byte[] readManifest(Path zip) throws Exception {
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals(ModelBundle.MANIFEST_ENTRY)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError("no manifest in " + zip);
    }

    private static void writeZip(Path file, byte[] manifest, byte[] weights) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(ModelBundle.MANIFEST_ENTRY));
            zip.write(manifest);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(ModelBundle.WEIGHTS_ENTRY));
            zip.write(weights);
            zip.closeEntry();
        }
        Files.write(file, bytes.toByteArray());
    }
}
