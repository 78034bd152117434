package org.covidxray.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.covidxray.image.ImageTensor;
import org.covidxray.testing.FunctionClassifier;
import org.junit.jupiter.api.Test;

class AveragedClassifierTest {
    private static final List<String> CLASSES = List.of("covid", "normal", "pneumonia");
    private static final ImageTensor DARK = new ImageTensor(new float[64], 1, 8, 8);
    private static final ImageTensor BRIGHT = bright();

    private static ImageTensor bright() {
        float[] data = new float[64];
        java.util.Arrays.fill(data, 1f);
        return new ImageTensor(data, 1, 8, 8);
    }

    /** A member whose answer depends on the image, so that a mixed-up order of images would show. */
    private static FunctionClassifier member(double[] onDark, double[] onBright) {
        return new FunctionClassifier(CLASSES, 8, null, t -> t.get(0, 0, 0) > 0.5f ? onBright : onDark);
    }

    @Test
    void averagesEveryImagesProbabilitiesInInputOrder() {
        FunctionClassifier a = member(new double[] {0.6, 0.3, 0.1}, new double[] {0.1, 0.1, 0.8});
        FunctionClassifier b = member(new double[] {0.2, 0.5, 0.3}, new double[] {0.3, 0.3, 0.4});
        try (AveragedClassifier ensemble = AveragedClassifier.of(List.of(a, b))) {
            assertEquals(2, ensemble.size());
            List<Prediction> out = ensemble.predict(List.of(DARK, BRIGHT, DARK));
            assertEquals(3, out.size());
            assertArrayEquals(new double[] {0.4, 0.4, 0.2}, out.get(0).probabilities(), 1e-12);
            assertArrayEquals(new double[] {0.2, 0.2, 0.6}, out.get(1).probabilities(), 1e-12);
            assertArrayEquals(out.get(0).probabilities(), out.get(2).probabilities(), 0);
            assertEquals("pneumonia", out.get(1).predictedClass());
        }
    }

    @Test
    void aNewDecisionRuleDecidesTheAverage() {
        FunctionClassifier a = member(new double[] {0.5, 0.4, 0.1}, new double[] {0.5, 0.4, 0.1});
        FunctionClassifier b = member(new double[] {0.1, 0.8, 0.1}, new double[] {0.1, 0.8, 0.1});
        try (AveragedClassifier ensemble = AveragedClassifier.of(List.of(a, b))) {
            // average P(covid) = 0.3: argmax says normal, a threshold of 0.25 on COVID-19 says covid
            assertEquals("normal", ensemble.predict(List.of(DARK)).get(0).predictedClass());
            Classifier decided = ensemble.withManifest(ensemble.manifest()
                    .withDecisionRule(DecisionRule.threshold("covid", 0.25, "test")));
            assertEquals("covid", decided.predict(List.of(DARK)).get(0).predictedClass());
        }
    }

    @Test
    void refusesNoMembersAndMembersOfAnotherTask() {
        assertThrows(IllegalArgumentException.class, () -> AveragedClassifier.of(List.of()));
        FunctionClassifier three = member(new double[] {0.2, 0.3, 0.5}, new double[] {0.2, 0.3, 0.5});
        FunctionClassifier two = new FunctionClassifier(List.of("covid", "other"), 8, null, t -> new double[] {0.5, 0.5});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AveragedClassifier.of(List.of(three, two)));
        assertTrue(e.getMessage().contains("[covid, other]"), e.getMessage());
        FunctionClassifier otherSize = new FunctionClassifier(CLASSES, 16, null, t -> new double[] {0.2, 0.3, 0.5});
        assertThrows(IllegalArgumentException.class, () -> AveragedClassifier.of(List.of(three, otherSize)));
    }

    @Test
    void multiLabelScoresStayPerLabel() {
        FunctionClassifier a = new FunctionClassifier(CLASSES, 8, null, OutputKind.SIGMOID, t -> new double[] {0.9, 0.1, 0.7});
        FunctionClassifier b = new FunctionClassifier(CLASSES, 8, null, OutputKind.SIGMOID, t -> new double[] {0.3, 0.1, 0.5});
        try (AveragedClassifier ensemble = AveragedClassifier.of(List.of(a, b))) {
            Prediction p = ensemble.predict(List.of(DARK)).get(0);
            assertTrue(p.multiLabel());
            assertArrayEquals(new double[] {0.6, 0.1, 0.6}, p.probabilities(), 1e-12);
            assertEquals(List.of("covid", "pneumonia"), p.presentLabels());
        }
    }

    @Test
    void closesEveryMemberAndHasNoFeaturesOrSingleWeights() {
        FunctionClassifier a = member(new double[] {1, 0, 0}, new double[] {1, 0, 0});
        FunctionClassifier b = member(new double[] {0, 1, 0}, new double[] {0, 1, 0});
        AveragedClassifier ensemble = AveragedClassifier.of(List.of(a, b));
        assertFalse(ensemble.supportsFeatures());
        assertThrows(UnsupportedOperationException.class, ensemble::exportWeights);
        ensemble.close();
        assertTrue(a.closed());
        assertTrue(b.closed());
    }
}
