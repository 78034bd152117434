package org.covidxray.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.ComponentColorModel;
import java.awt.color.ColorSpace;
import java.awt.Transparency;
import java.awt.image.WritableRaster;
import org.junit.jupiter.api.Test;

class GrayImageTest {
    private static final long LIMIT = PreprocessingConfig.DEFAULT_MAX_PIXELS;

    private static GrayImage roundTrip(BufferedImage image) {
        return ImageDecoder.decodeGray(TestImages.encode(image, "png"), "t.png", LIMIT);
    }

    @Test
    void sixteenBitGrayPngKeepsFullPrecision() {
        int[] values = {0, 1, 257, 12345, 12346, 65534, 65535, 32768};
        GrayImage gray = roundTrip(TestImages.gray16(4, 2, values));

        for (int i = 0; i < values.length; i++) {
            assertThat(gray.get(i % 4, i / 4)).as("sample %d", values[i]).isEqualTo(values[i] / 65535f);
        }
        // an 8-bit path would merge these
        assertThat(gray.get(1, 0)).isGreaterThan(gray.get(0, 0));
        assertThat(gray.get(0, 1)).isGreaterThan(gray.get(3, 0));
    }

    @Test
    void eightBitGrayIsDividedBy255WithoutGammaConversion() {
        GrayImage gray = roundTrip(TestImages.gray8(3, 1, 0, 64, 255));

        assertThat(gray.get(0, 0)).isEqualTo(0f);
        assertThat(gray.get(1, 0)).isEqualTo(64 / 255f);
        assertThat(gray.get(2, 0)).isEqualTo(1f);
    }

    @Test
    void rgbBecomesBt601Luma() {
        BufferedImage image = new BufferedImage(4, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFF0000);
        image.setRGB(1, 0, 0x00FF00);
        image.setRGB(2, 0, 0x0000FF);
        image.setRGB(3, 0, 0x336699);

        GrayImage gray = roundTrip(image);

        assertThat(gray.get(0, 0)).isCloseTo(0.299f, within(1e-6f));
        assertThat(gray.get(1, 0)).isCloseTo(0.587f, within(1e-6f));
        assertThat(gray.get(2, 0)).isCloseTo(0.114f, within(1e-6f));
        assertThat(gray.get(3, 0)).isCloseTo((0.299f * 0x33 + 0.587f * 0x66 + 0.114f * 0x99) / 255f, within(1e-6f));
    }

    @Test
    void directRasterPathAgreesWithGetRgbPath() {
        BufferedImage packed = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
        BufferedImage bgr = new BufferedImage(5, 3, BufferedImage.TYPE_3BYTE_BGR);
        for (int i = 0; i < 15; i++) {
            int rgb = i * 0x10_1B_0D + 0x050709;
            packed.setRGB(i % 5, i / 5, rgb);
            bgr.setRGB(i % 5, i / 5, rgb);
        }

        GrayImage viaRgb = GrayImage.of(packed);
        GrayImage direct = GrayImage.of(bgr);

        for (int i = 0; i < 15; i++) {
            assertThat(direct.get(i % 5, i / 5)).isCloseTo(viaRgb.get(i % 5, i / 5), within(1e-6f));
        }
    }

    @Test
    void sixteenBitRgbPngIsConverted() {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(1, 1);
        raster.setPixel(0, 0, new int[] {65535, 32768, 0});

        GrayImage gray = roundTrip(new BufferedImage(cm, raster, false, null));

        assertThat(gray.get(0, 0)).isCloseTo(0.299f + 0.587f * 32768 / 65535f, within(1e-6f));
    }

    @Test
    void alphaIsCompositedOverBlack() {
        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x80FFFFFF);
        argb.setRGB(1, 0, 0x00FFFFFF);

        GrayImage gray = roundTrip(argb);

        assertThat(gray.get(0, 0)).isCloseTo(128 / 255f, within(1e-6f));
        assertThat(gray.get(1, 0)).isEqualTo(0f);
    }

    @Test
    void grayWithAlphaIsCompositedOverBlack() {
        GrayImage gray = roundTrip(TestImages.grayAlpha(3, 1, 200, 255, 200, 0, 100, 51));

        assertThat(gray.get(0, 0)).isCloseTo(200 / 255f, within(1e-6f));
        assertThat(gray.get(1, 0)).isEqualTo(0f);
        assertThat(gray.get(2, 0)).isCloseTo(100 / 255f * 51 / 255f, within(1e-6f));
    }

    @Test
    void paletteWithTransparencyIsLookedUp() {
        byte[] r = {(byte) 255, 0, (byte) 255, (byte) 200};
        byte[] g = {0, 0, (byte) 255, (byte) 200};
        byte[] b = {0, (byte) 255, (byte) 255, (byte) 200};
        byte[] a = {(byte) 255, (byte) 255, 0, (byte) 255};

        GrayImage gray = roundTrip(TestImages.palette(r, g, b, a));

        assertThat(gray.get(0, 0)).isCloseTo(0.299f, within(1e-6f));
        assertThat(gray.get(1, 0)).isCloseTo(0.114f, within(1e-6f));
        assertThat(gray.get(2, 0)).as("transparent white").isEqualTo(0f);
        assertThat(gray.get(3, 0)).isCloseTo(200 / 255f, within(1e-6f));
    }

    @Test
    void downscaleAveragesTheCoveredArea() {
        GrayImage image = new GrayImage(new float[] {
            0.0f, 0.2f, 0.4f, 0.4f,
            0.2f, 0.2f, 0.4f, 0.4f,
            1.0f, 1.0f, 0.0f, 0.0f,
            0.6f, 1.0f, 0.0f, 0.8f}, 4, 4);

        assertThat(image.resize(2, 2)).containsExactly(new float[] {0.15f, 0.4f, 0.9f, 0.2f}, within(1e-6f));
    }

    @Test
    void nonIntegerDownscaleWeighsPartialPixels() {
        GrayImage image = new GrayImage(new float[] {0.0f, 0.3f, 0.9f}, 3, 1);

        // output pixels cover source [0, 1.5) and [1.5, 3)
        assertThat(image.resize(2, 1)).containsExactly(new float[] {0.1f, 0.7f}, within(1e-6f));
    }

    @Test
    void upscaleInterpolatesLinearlyWithCentredPixels() {
        GrayImage image = new GrayImage(new float[] {0.2f, 0.6f}, 2, 1);

        assertThat(image.resize(4, 1)).containsExactly(new float[] {0.2f, 0.3f, 0.5f, 0.6f}, within(1e-6f));
    }

    @Test
    void axesAreResizedIndependently() {
        GrayImage image = new GrayImage(new float[] {0.1f, 0.3f, 0.5f, 0.7f}, 4, 1);

        assertThat(image.resize(2, 2)).containsExactly(new float[] {0.2f, 0.6f, 0.2f, 0.6f}, within(1e-6f));
    }

    @Test
    void integerDownscaleKeepsTheMean() {
        float[] data = new float[96 * 64];
        for (int i = 0; i < data.length; i++) {
            data[i] = (i * 37 % 101) / 100f;
        }
        GrayImage image = new GrayImage(data, 96, 64);

        float[] small = image.resize(24, 16);

        double mean = 0;
        for (float v : small) {
            mean += v;
        }
        assertThat(mean / small.length).isCloseTo(image.mean(), within(1e-5));
    }

    @Test
    void centreCropTakesTheMiddleSquareOfALandscapeImage() {
        float[] data = new float[6 * 4];
        for (int i = 0; i < data.length; i++) {
            data[i] = (i % 6) / 10f;
        }

        float[] crop = new GrayImage(data, 6, 4).resizeCenterCrop(2);

        // columns 1..4 are kept: (0.1 + 0.2) / 2 and (0.3 + 0.4) / 2
        assertThat(crop).containsExactly(new float[] {0.15f, 0.35f, 0.15f, 0.35f}, within(1e-6f));
    }

    @Test
    void centreCropTakesTheMiddleSquareOfAPortraitImage() {
        float[] data = new float[2 * 5];
        for (int i = 0; i < data.length; i++) {
            data[i] = (i / 2) / 10f;
        }

        // side 2, rows 1..2 kept (the odd extra row is dropped at the bottom)
        assertThat(new GrayImage(data, 2, 5).resizeCenterCrop(1)).containsExactly(new float[] {0.15f}, within(1e-6f));
    }

    @Test
    void equalisationStretchesTheHistogram() {
        GrayImage image = new GrayImage(new float[] {0.2f, 0.2f, 0.3f, 0.4f}, 2, 2);

        GrayImage eq = image.equalized();

        // bins 51, 51, 77, 102; cdf 2, 2, 3, 4; (cdf - 2) / (4 - 2)
        assertThat(eq.pixels()).containsExactly(new float[] {0f, 0f, 0.5f, 1f}, within(1e-6f));
    }

    @Test
    void equalisationLeavesAConstantImageAlone() {
        GrayImage image = new GrayImage(new float[] {0.4f, 0.4f, 0.4f}, 3, 1);

        assertThat(image.equalized().pixels()).containsExactly(0.4f, 0.4f, 0.4f);
    }

    @Test
    void imageIsImmutable() {
        float[] data = {0.1f, 0.2f};
        GrayImage image = new GrayImage(data, 2, 1);
        data[0] = 0.9f;
        image.pixels()[1] = 0.9f;

        assertThat(image.pixels()).containsExactly(0.1f, 0.2f);
    }
}
