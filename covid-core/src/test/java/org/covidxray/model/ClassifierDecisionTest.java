package org.covidxray.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.testing.FunctionClassifier;
import org.junit.jupiter.api.Test;

/** The library, not its programs, applies a model's decision rule. */
class ClassifierDecisionTest {
    private static final List<String> CLASSES = List.of("covid", "normal", "pneumonia");

    /** Answers P = (0.35, 0.45, 0.20) for every image. */
    private static Classifier fixed(DecisionRule rule) {
        return new FunctionClassifier(CLASSES, 8, rule, t -> new double[] {0.35, 0.45, 0.20});
    }

    private static final ImageTensor IMAGE = new ImageTensor(new float[64], 1, 8, 8);

    @Test
    void predictAppliesTheManifestsThreshold() {
        try (Classifier model = fixed(DecisionRule.threshold("covid", 0.3, "test"))) {
            Prediction p = model.predict(IMAGE);
            assertThat(p.predictedClass()).isEqualTo("covid");
            assertThat(p.mostProbableClass()).isEqualTo("normal");
            assertThat(model.predictProbabilities(List.of(IMAGE)).get(0).predictedClass()).isEqualTo("normal");
        }
    }

    @Test
    void withoutAThresholdTheMostProbableClassWins() {
        try (Classifier model = fixed(null)) {
            assertThat(model.predict(IMAGE).predictedClass()).isEqualTo("normal");
        }
    }

    @Test
    void anotherManifestChangesTheDecisionButNotTheNetwork() {
        try (Classifier model = fixed(null)) {
            Classifier thresholded = model.withManifest(model.manifest()
                    .withDecisionRule(DecisionRule.threshold("covid", 0.3, "validation")));
            assertThat(thresholded.predict(IMAGE).predictedClass()).isEqualTo("covid");
            assertThat(model.predict(IMAGE).predictedClass()).isEqualTo("normal");
            ModelManifest otherClasses = new ModelManifest(2, "x", "fake", "1", "none", null, List.of("a", "b", "c"),
                    PreprocessingConfig.defaults(8), null, "test", "now", null, null);
            assertThatThrownBy(() -> model.withManifest(otherClasses)).isInstanceOf(IllegalArgumentException.class);
            assertThat(thresholded.supportsFeatures()).as("features are the engine's").isEqualTo(model.supportsFeatures());
        }
    }

    @Test
    void aRuleForAClassTheModelDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> fixed(DecisionRule.threshold("tuberculosis", 0.3, "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tuberculosis");
    }

    @Test
    void predictWithFeaturesAppliesTheRuleAndGivesNoFeaturesWhereTheModelHasNone() {
        try (Classifier model = fixed(DecisionRule.threshold("covid", 0.3, "test"))) {
            List<PredictionWithFeatures> both = model.predictWithFeatures(List.of(IMAGE, IMAGE));
            assertThat(both).hasSize(2);
            assertThat(both.get(0).prediction().predictedClass()).isEqualTo("covid");
            assertThat(both.get(0).prediction().mostProbableClass()).isEqualTo("normal");
            assertThat(both.get(0).hasFeatures()).isFalse();
            assertThat(both.get(0).features()).isNull();
            Classifier argmax = model.withManifest(model.manifest().withDecisionRule(DecisionRule.argmax()));
            assertThat(argmax.predictWithFeatures(List.of(IMAGE)).get(0).prediction().predictedClass())
                    .isEqualTo("normal");
        }
    }

    @Test
    void featureVectorsAreCopiedInAndOut() {
        float[] features = {1, 2, 3};
        PredictionWithFeatures p = new PredictionWithFeatures(new Prediction(CLASSES, new double[] {0.2, 0.3, 0.5}),
                features);
        features[0] = 99;
        assertThat(p.features()).containsExactly(1, 2, 3);
        p.features()[1] = 99;
        assertThat(p.features()).containsExactly(1, 2, 3);
        assertThat(p).isEqualTo(new PredictionWithFeatures(p.prediction(), new float[] {1, 2, 3}));
    }
}
