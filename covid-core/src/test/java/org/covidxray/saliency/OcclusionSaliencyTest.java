package org.covidxray.saliency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;
import org.junit.jupiter.api.Test;

class OcclusionSaliencyTest {
    private static final PreprocessingConfig PRE = PreprocessingConfig.defaults(32);
    // the classifier looks only at x in [20, 26), y in [4, 10)
    private static final int RX0 = 20;
    private static final int RY0 = 4;
    private static final int RX1 = 26;
    private static final int RY1 = 10;

    /** Dark image (tensor -1) with a bright square (tensor +2) on the region the classifier reads. */
    private static ImageTensor image() {
        float[] data = new float[32 * 32];
        Arrays.fill(data, -1f);
        for (int y = RY0; y < RY1; y++) {
            for (int x = RX0; x < RX1; x++) {
                data[y * 32 + x] = 2f;
            }
        }
        return new ImageTensor(data, 1, 32, 32);
    }

    private static boolean inRegion(int x, int y) {
        return x >= RX0 && x < RX1 && y >= RY0 && y < RY1;
    }

    private static RegionClassifier classifier() {
        return new RegionClassifier(PRE, RX0, RY0, RX1, RY1, 3.0);
    }

    @Test
    void mapPeaksWhereTheClassifierLooks() {
        SaliencyMap map = new OcclusionSaliency(4, 2, OcclusionFill.imageMean(), 32).explain(classifier(), image());

        assertThat(map.targetClass()).isEqualTo("covid");
        assertThat(map.baseProbability()).isGreaterThan(0.99);
        assertThat(inRegion(map.peak().x(), map.peak().y())).as("peak %s", map.peak()).isTrue();
        assertThat(map.heat(map.peak().x(), map.peak().y())).isEqualTo(1f);
        double inside = 0;
        double outside = 0;
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                float v = map.heat(x, y);
                assertThat(v).isBetween(0f, 1f);
                if (inRegion(x, y)) {
                    inside = Math.max(inside, v);
                } else if (x < RX0 - 4 || y >= RY1 + 4) {
                    // no patch covering this pixel touches the region
                    assertThat(map.drop(x, y)).isZero();
                    outside = Math.max(outside, v);
                }
            }
        }
        assertThat(inside).isEqualTo(1.0);
        assertThat(outside).isZero();
    }

    @Test
    void occludedCopiesAreSentInBatchesAndCoverEveryPosition() {
        RegionClassifier classifier = classifier();

        SaliencyMap map = new OcclusionSaliency(4, 2, OcclusionFill.imageMean(), 5).explain(classifier, image());

        int positions = 15 * 15; // (32 - 4) / 2 + 1 per axis
        assertThat(map.evaluations()).isEqualTo(positions);
        // the first call is the unoccluded prediction
        assertThat(classifier.batchSizes.get(0)).isEqualTo(1);
        assertThat(classifier.batchSizes.subList(1, classifier.batchSizes.size())).allMatch(n -> n <= 5)
                .hasSize((positions + 4) / 5);
        assertThat(classifier.batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(positions + 1);
    }

    @Test
    void explainingTheOtherClassGivesNegativeDropsThere() {
        SaliencyMap map = new OcclusionSaliency(4, 2, OcclusionFill.imageMean(), 32)
                .explain(classifier(), image(), 0);

        assertThat(map.targetClass()).isEqualTo("normal");
        // hiding the bright region makes "normal" more likely
        assertThat(map.drop(22, 6)).isNegative();
        assertThat(map.heat(22, 6)).isZero();
    }

    @Test
    void fillValuesFollowTheirDefinition() {
        ImageTensor image = image();
        double mean = 0;
        for (float v : image.data()) {
            mean += v;
        }
        mean /= image.size();

        assertThat(OcclusionFill.imageMean().tensorValues(image, PRE)[0]).isCloseTo((float) mean, within(1e-6f));
        assertThat(OcclusionFill.midGray().tensorValues(image, PRE)[0]).isEqualTo(0f);
        assertThat(OcclusionFill.intensity(1f).tensorValues(image, PRE)[0]).isEqualTo(2f);
        assertThatThrownBy(() -> OcclusionFill.intensity(1.5f)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void automaticPatchIsAnEighthOfTheSideAndStrideHalfOfIt() {
        SaliencyMap map = OcclusionSaliency.defaults().explain(classifier(), image());

        assertThat(map.patchSize()).isEqualTo(4);
        assertThat(map.stride()).isEqualTo(2);
    }

    @Test
    void positionsReachTheFarEdge() {
        assertThat(OcclusionSaliency.positions(10, 4, 3)).containsExactly(0, 3, 6);
        assertThat(OcclusionSaliency.positions(11, 4, 3)).containsExactly(0, 3, 6, 7);
        assertThat(OcclusionSaliency.positions(4, 4, 2)).containsExactly(0);
    }

    @Test
    void unknownTargetClassIsRefused() {
        assertThatThrownBy(() -> OcclusionSaliency.defaults().explain(classifier(), image(), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("normal");
    }

    @Test
    void mapIsImmutable() {
        SaliencyMap map = OcclusionSaliency.defaults().explain(classifier(), image());
        float before = map.heat(22, 6);

        map.heat()[6 * 32 + 22] = -5f;
        map.drop()[6 * 32 + 22] = -5f;

        assertThat(map.heat(22, 6)).isEqualTo(before);
        assertThat(map).isEqualTo(OcclusionSaliency.defaults().explain(classifier(), image()));
    }
}
