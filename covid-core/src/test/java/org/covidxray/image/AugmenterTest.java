package org.covidxray.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmenterTest {
    private static final PreprocessingConfig PRE = PreprocessingConfig.defaults(16);

    private static ImageTensor gradient() {
        float[] data = new float[16 * 16];
        for (int i = 0; i < data.length; i++) {
            data[i] = ((i % 16) + (i / 16)) / 15f - 1f;
        }
        return new ImageTensor(data, 1, 16, 16);
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    @Test
    void sameSeedGivesTheSameImage() {
        Augmenter augmenter = new Augmenter(AugmentationConfig.defaults(), PRE);

        ImageTensor a = augmenter.apply(gradient(), new SplittableRandom(42));
        augmenter.apply(gradient(), new SplittableRandom(7));
        ImageTensor b = augmenter.apply(gradient(), new SplittableRandom(42));

        assertThat(a.data()).containsExactly(b.data());
    }

    @Test
    void differentSeedsGiveDifferentImages() {
        Augmenter augmenter = new Augmenter(AugmentationConfig.defaults(), PRE);

        ImageTensor a = augmenter.apply(gradient(), new SplittableRandom(1));
        ImageTensor b = augmenter.apply(gradient(), new SplittableRandom(2));

        assertThat(a.data()).isNotEqualTo(b.data());
        assertThat(a.data()).isNotEqualTo(gradient().data());
    }

    @Test
    void identityConfigReturnsTheInputUnchanged() {
        ImageTensor input = gradient();
        float[] before = input.data().clone();

        ImageTensor out = new Augmenter(AugmentationConfig.none(), PRE).apply(input, new SplittableRandom(3));

        assertThat(out).isSameAs(input);
        assertThat(out.data()).containsExactly(before);
    }

    @Test
    void brightnessShiftsEveryPixelAndTheMeanByTheSameBoundedAmount() {
        double max = 0.2;
        Augmenter augmenter = new Augmenter(new AugmentationConfig(0, 0, 0, max, 0), PRE);
        ImageTensor input = gradient();
        boolean sawUp = false;
        boolean sawDown = false;
        for (long seed = 0; seed < 40; seed++) {
            ImageTensor out = augmenter.apply(input, new SplittableRandom(seed));
            // in intensity units: tensor difference times std
            double shift = (out.data()[0] - input.data()[0]) * PRE.std();
            for (int i = 0; i < input.size(); i++) {
                assertThat((double) (out.data()[i] - input.data()[i]) * PRE.std()).isCloseTo(shift, within(1e-5));
            }
            assertThat((mean(out.data()) - mean(input.data())) * PRE.std()).isCloseTo(shift, within(1e-5));
            assertThat(Math.abs(shift)).isLessThanOrEqualTo(max + 1e-6);
            sawUp |= shift > 0.01;
            sawDown |= shift < -0.01;
        }
        assertThat(sawUp).isTrue();
        assertThat(sawDown).isTrue();
    }

    @Test
    void contrastKeepsTheMean() {
        Augmenter augmenter = new Augmenter(new AugmentationConfig(0, 0, 0, 0, 0.5), PRE);
        ImageTensor input = gradient();

        ImageTensor out = augmenter.apply(input, new SplittableRandom(5));

        assertThat(mean(out.data())).isCloseTo(mean(input.data()), within(1e-5));
        assertThat(out.data()).isNotEqualTo(input.data());
    }

    @Test
    void geometryBringsInBlackFromOutside() {
        float[] white = new float[16 * 16];
        java.util.Arrays.fill(white, (1f - PRE.mean()) / PRE.std());
        Augmenter augmenter = new Augmenter(new AugmentationConfig(30, 0, 0, 0, 0), PRE);

        ImageTensor out = augmenter.apply(new ImageTensor(white, 1, 16, 16), new SplittableRandom(11));

        float black = (0f - PRE.mean()) / PRE.std();
        // a rotated square leaves its corners uncovered, its centre untouched
        assertThat(out.get(0, 0, 0)).isEqualTo(black);
        assertThat(out.get(0, 8, 8)).isCloseTo(white[0], within(1e-5f));
    }

    @Test
    void rangesAreChecked() {
        assertThatThrownBy(() -> new AugmentationConfig(-1, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rotation -1");
        assertThatThrownBy(() -> new AugmentationConfig(0, Double.NaN, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lookAugmentationChangesIntensitiesNotGeometryAndIsSeeded() {
        Augmenter augmenter = new Augmenter(AugmentationConfig.lookDefaults(), PRE);
        ImageTensor input = gradient();
        assertThat(AugmentationConfig.lookDefaults().hasLook()).isTrue();
        assertThat(AugmentationConfig.lookDefaults().hasGeometry()).isFalse();
        assertThat(AugmentationConfig.defaults().hasLook()).isFalse();
        assertThat(augmenter.apply(input, new SplittableRandom(3)).data())
                .containsExactly(augmenter.apply(input, new SplittableRandom(3)).data());
        int changed = 0;
        for (long seed = 0; seed < 20; seed++) {
            if (!java.util.Arrays.equals(augmenter.apply(input, new SplittableRandom(seed)).data(), input.data())) {
                changed++;
            }
        }
        // each of four changes on half the draws: all four skipped on 1/16 of them
        assertThat(changed).isGreaterThan(12);
        assertThatThrownBy(() -> new AugmentationConfig(0, 0, 0, 0, 0, 0, 0, 0, 0.9))
                .hasMessageContaining("noise 0.9");
        assertThat(AugmentationConfig.defaults().withLookDefaults().maxRotationDegrees()).isEqualTo(10);
    }

    @Test
    void aStoredConfigurationWithoutLookFieldsReadsAsNoLookChanges() throws Exception {
        AugmentationConfig old = org.covidxray.io.Json.mapper().readValue("{\"maxRotationDegrees\":10,\"maxScale\":0.1,"
                + "\"maxShift\":0.08,\"maxBrightness\":0.1,\"maxContrast\":0.1}", AugmentationConfig.class);
        assertThat(old).isEqualTo(AugmentationConfig.defaults());
        AugmentationConfig look = AugmentationConfig.defaults().withLookDefaults();
        assertThat(org.covidxray.io.Json.mapper().readValue(org.covidxray.io.Json.write(look), AugmentationConfig.class))
                .isEqualTo(look);
    }
}
