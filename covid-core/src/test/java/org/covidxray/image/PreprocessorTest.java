package org.covidxray.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.covidxray.image.ImageDecodeException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessorTest {

    /** A 32 x 16 gray PNG: columns 8..23 white, the rest black. */
    private static byte[] whiteCentre() {
        int[] values = new int[32 * 16];
        for (int i = 0; i < values.length; i++) {
            int x = i % 32;
            values[i] = x >= 8 && x < 24 ? 255 : 0;
        }
        return TestImages.encode(TestImages.gray8(32, 16, values), "png");
    }

    @Test
    void borderMaskBlanksTheOuterBandAndKeepsTheInside() {
        int[] values = new int[16 * 16];
        java.util.Arrays.fill(values, 255);
        byte[] white = TestImages.encode(TestImages.gray8(16, 16, values), "png");
        PreprocessingConfig config = PreprocessingConfig.defaults(16).withBorderMask(0.125f);
        assertThat(config.borderMaskPixels()).isEqualTo(2);

        ImageTensor t = new Preprocessor(config).apply(white, "white.png");

        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                boolean band = x < 2 || y < 2 || x >= 14 || y >= 14;
                assertThat(t.get(0, y, x)).as("(%d, %d)", x, y).isEqualTo(band ? 0f : 2f);
            }
        }
        assertThat(new Preprocessor(PreprocessingConfig.defaults(16)).apply(white, "white.png").get(0, 0, 0))
                .isEqualTo(2f);
        assertThatThrownBy(() -> PreprocessingConfig.defaults(16).withBorderMask(0.5f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("borderMask");
    }

    @Test
    void normalisesWithTheConfiguredMeanAndStd() {
        PreprocessingConfig config = new PreprocessingConfig(8, false, false, 0.25f, 0.5f,
                PreprocessingConfig.DEFAULT_MAX_PIXELS, 0f);
        int[] values = new int[16 * 16];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 16 < 8 ? 0 : 255;
        }

        ImageTensor t = new Preprocessor(config).apply(TestImages.encode(TestImages.gray8(16, 16, values), "png"), "x.png");

        assertThat(t.channels()).isEqualTo(1);
        assertThat(t.height()).isEqualTo(8);
        assertThat(t.width()).isEqualTo(8);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                assertThat(t.get(0, y, x)).isCloseTo(x < 4 ? -0.5f : 1.5f, within(1e-6f));
            }
        }
    }

    @Test
    void centreCropKeepsOnlyTheMiddleSquare() {
        ImageTensor t = new Preprocessor(PreprocessingConfig.defaults(8).withCenterCrop(true))
                .apply(whiteCentre(), "x.png");

        for (float v : t.data()) {
            assertThat(v).isCloseTo((1f - 0.5f) / 0.25f, within(1e-6f));
        }
    }

    @Test
    void stretchingKeepsTheWholeImage() {
        ImageTensor t = new Preprocessor(PreprocessingConfig.defaults(8)).apply(whiteCentre(), "x.png");

        // 32 -> 8 columns: output columns 0-1 and 6-7 are black, 2-5 white
        for (int x = 0; x < 8; x++) {
            assertThat(t.get(0, 3, x)).isCloseTo(x >= 2 && x < 6 ? 2f : -2f, within(1e-6f));
        }
    }

    @Test
    void equalisationRunsBeforeResizing() {
        int[] values = new int[16 * 16];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 16 < 8 ? 100 : 120;
        }
        byte[] png = TestImages.encode(TestImages.gray8(16, 16, values), "png");

        ImageTensor t = new Preprocessor(PreprocessingConfig.defaults(8).withEqualizeHistogram(true)).apply(png, "x.png");

        // two intensities become 0 and 1
        assertThat(t.get(0, 0, 0)).isCloseTo(-2f, within(1e-6f));
        assertThat(t.get(0, 0, 7)).isCloseTo(2f, within(1e-6f));
    }

    @Test
    void toIntensityInvertsTheNormalisation() {
        Preprocessor pre = new Preprocessor(PreprocessingConfig.defaults(8));

        assertThat(pre.toIntensity(-2f)).isEqualTo(0f);
        assertThat(pre.toIntensity(2f)).isEqualTo(1f);
    }

    @Test
    void toImageShowsTheNetworkInputAsEightBitGrayClampingBeyondTheRange() {
        Preprocessor pre = new Preprocessor(PreprocessingConfig.defaults(8));
        // a 2x2 tensor is enough (the image is as large as the tensor); defaults: mean 0.5, std 0.25, so -2 -> 0, 0 -> 0.5, 2 -> 1, 3 -> 1.25 (clamped)
        ImageTensor input = new ImageTensor(new float[] {-2f, 0f, 2f, 3f}, 1, 2, 2);

        java.awt.image.BufferedImage image = pre.toImage(input);

        assertThat(image.getType()).isEqualTo(java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        assertThat(new int[] {image.getRaster().getSample(0, 0, 0), image.getRaster().getSample(1, 0, 0),
                image.getRaster().getSample(0, 1, 0), image.getRaster().getSample(1, 1, 0)})
                .containsExactly(0, 128, 255, 255);
    }

    @Test
    void missingFileIsAnIoErrorNamingTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.png");

        assertThatThrownBy(() -> new Preprocessor(PreprocessingConfig.defaults(8)).load(missing))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.IO_ERROR))
                .hasMessageContaining(missing.toString());
    }

    @Test
    void configRefusesNonsense() {
        assertThatThrownBy(() -> new PreprocessingConfig(224, false, false, Float.NaN, 0.25f, 10, 0f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mean");
        assertThatThrownBy(() -> new PreprocessingConfig(224, false, false, 0.5f, 0f, 10, 0f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("std");
        assertThatThrownBy(() -> new PreprocessingConfig(4, false, false, 0.5f, 0.25f, 10, 0f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("imageSize");
    }
}
