package org.covidxray.examples.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.covidxray.engine.DeviceType;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelCard;
import org.covidxray.model.Prediction;
import org.covidxray.testing.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class BundledModelTest {

    @Test
    void aBuildWithoutTheModelSaysHowToGetOne() {
        Assumptions.assumeFalse(BundledModel.present(), "skipped: this build carries a bundled model");
        assertThatThrownBy(BundledModel::read).isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining(BundledModel.RESOURCE).hasMessageContaining("--model");
    }

    @Test
    void theBundledModelIsAReadableBundleWithACard() {
        Assumptions.assumeTrue(BundledModel.present(), "skipped: this build has no bundled model yet");
        var manifest = BundledModel.read().manifest();
        assertThat(manifest.classNames()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(manifest.provenance()).isNotNull();
    }

    @Test
    void theBundledModelIsTheDocumentedThreeClassModelAndPredicts() throws Exception {
        Assumptions.assumeTrue(BundledModel.present(), "skipped: this build has no bundled model yet");
        try (var in = BundledModel.class.getResourceAsStream(BundledModel.RESOURCE)) {
            assertThat(in.readAllBytes().length).as("bundled model size").isLessThanOrEqualTo(10 << 20);
        }
        try (Classifier model = BundledModel.load(DeviceType.CPU)) {
            var manifest = model.manifest();
            assertThat(manifest.classNames()).containsExactly("covid", "normal", "pneumonia");
            assertThat(manifest.card().limitations()).isNotEmpty();
            assertThat(manifest.card().intendedUse()).isNotEmpty();
            assertThat(manifest.card().testMetrics()).isNotNull();
            // the model card must carry the per-source specificity that docs/model-card.md quotes
            assertThat(manifest.card().testBySource()).extracting(ModelCard.SourceResult::source)
                    .containsExactly("cohen-covid-chestxray", "cohen-covid-chestxray-2020-07", "kermany", "mhh-covid19",
                            "nih-chestxray14-adult");
            ModelCard.SourceResult nih = manifest.card().testBySource().get(4);
            assertThat(nih.negatives() - nih.falsePositives()).as("NIH adults called not COVID-19").isEqualTo(116);
            assertThat(nih.negatives()).isEqualTo(124);
            assertThat(manifest.decisionRule().positiveClass()).isEqualTo("covid");
            assertThat(manifest.decisionRule().threshold()).isCloseTo(0.512, within(5e-4));
            // and the leave-one-source-out results of its recipe that docs/model-card.md quotes
            assertThat(manifest.card().sourcesLeftOut()).extracting(ModelCard.SourceResult::source)
                    .containsExactly("mhh-covid19", "nih-chestxray14-adult", "cohen-covid-chestxray-2020-07", "kermany");
            ModelCard.SourceResult hannover = manifest.card().sourcesLeftOut().get(0);
            assertThat(hannover.truePositives()).as("Hannover left out: COVID-19 found").isEqualTo(178);
            assertThat(hannover.positives()).isEqualTo(219);
            // and its recipe cross-validated over five patient folds: all 39 of Cohen's July non-COVID films
            ModelCard.SourceResult july = manifest.card().sourcesCrossValidated().stream()
                    .filter(r -> r.source().equals("cohen-covid-chestxray-2020-07")).findFirst().orElseThrow();
            assertThat(july.negatives() - july.falsePositives()).isEqualTo(24);
            assertThat(july.negatives()).isEqualTo(39);
            assertThat(manifest.provenance().config().sampling()).isEqualTo(org.covidxray.model.Sampling.BALANCED_SOURCES);
            Path image = SharedData.require("seed-50/covid").resolve("1-s2.0-S0140673620303706-fx1_lrg.jpg");
            Prediction p = model.predict(image);
            assertThat(p.probabilities()).hasSize(3);
            assertThat(java.util.Arrays.stream(p.probabilities()).sum()).isCloseTo(1.0, within(1e-4));
        }
    }

    @Test
    void theBundledModelIsCalibratedSoTheGateCanFlagImagesFarFromItsTrainingData() throws Exception {
        Assumptions.assumeTrue(BundledModel.present(), "skipped: this build has no bundled model yet");
        try (Classifier model = BundledModel.load(DeviceType.CPU)) {
            assertThat(model.manifest().inputGate()).isNotNull();
            assertThat(model.manifest().inputGate().images()).isEqualTo(329);
            assertThat(model.supportsFeatures()).isTrue();
            Path image = SharedData.require("seed-50/covid").resolve("1-s2.0-S0140673620303706-fx1_lrg.jpg");
            var tensor = new org.covidxray.image.Preprocessor(model.preprocessing()).load(image);
            var check = org.covidxray.gate.DistributionCheck.of(model, tensor);
            assertThat(check.status()).isIn(org.covidxray.gate.DistributionCheck.Status.INSIDE,
                    org.covidxray.gate.DistributionCheck.Status.OUTSIDE);
            assertThat(check.distance()).isFinite();
            assertThat(model.features(java.util.List.of(tensor)).get(0)).hasSize(128);
        }
    }
}
