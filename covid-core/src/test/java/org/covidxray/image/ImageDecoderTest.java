package org.covidxray.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.covidxray.image.ImageDecodeException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecoderTest {
    private static final long LIMIT = PreprocessingConfig.DEFAULT_MAX_PIXELS;

    @Test
    void formatIsDetectedFromTheBytesNotTheName() {
        byte[] jpeg = TestImages.encode(TestImages.rgb(20, 10, 0x808080), "jpeg");

        BufferedImage image = ImageDecoder.decode(jpeg, "really-a-jpeg.png", LIMIT);

        assertThat(image.getWidth()).isEqualTo(20);
        assertThat(image.getHeight()).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "bmp", "tiff"})
    void losslessFormatsKeepExactGrayValues(String format) {
        int[] values = {0, 1, 77, 128, 200, 254, 255, 13};
        byte[] bytes = TestImages.encode(TestImages.gray8(4, 2, values), format);

        GrayImage gray = ImageDecoder.decodeGray(bytes, "x." + format, LIMIT);

        for (int i = 0; i < values.length; i++) {
            assertThat(gray.get(i % 4, i / 4)).as("pixel %d", i).isEqualTo(values[i] / 255f);
        }
    }

    @Test
    void gifPaletteIsLookedUp() {
        byte[] gray = {0, 64, (byte) 200};
        byte[] opaque = {(byte) 255, (byte) 255, (byte) 255};
        byte[] gif = TestImages.encode(TestImages.palette(gray, gray, gray, opaque), "gif");

        GrayImage image = ImageDecoder.decodeGray(gif, "x.gif", LIMIT);

        assertThat(image.get(1, 0)).isCloseTo(64 / 255f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(image.get(2, 0)).isCloseTo(200 / 255f, org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void cmykJpegIsDecodedToRgb() {
        GrayImage gray = ImageDecoder.decodeGray(TestImages.cmykJpeg(16, 16), "cmyk.jpg", LIMIT);

        assertThat(gray.get(2, 8)).as("no ink").isGreaterThan(0.9f);
        assertThat(gray.get(13, 8)).as("full black ink").isLessThan(0.1f);
    }

    @Test
    void headerDeclaringTooManyPixelsIsRefusedBeforeDecoding() {
        byte[] bomb = TestImages.pngHeaderOnly(60_000, 60_000);

        ImageDecodeException e = catchThrowableOfType(
                () -> ImageDecoder.decode(bomb, "bomb.png", LIMIT), ImageDecodeException.class);

        // the file has no pixel data at all: had the decoder tried to read it, it would fail as CORRUPT
        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e.getMessage()).contains("bomb.png", "60000x60000", "3600000000", String.valueOf(LIMIT));
    }

    @Test
    void theSameHeaderBelowTheLimitReachesTheDecoderAndFailsThere() {
        byte[] headerOnly = TestImages.pngHeaderOnly(100, 100);

        ImageDecodeException e = catchThrowableOfType(
                () -> ImageDecoder.decode(headerOnly, "empty-body.png", LIMIT), ImageDecodeException.class);

        assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
        assertThat(e.getMessage()).contains("empty-body.png");
    }

    @Test
    void pixelLimitAppliesToJpegToo() {
        byte[] jpeg = TestImages.encode(TestImages.rgb(100, 50, 0x404040), "jpeg");

        assertThat(ImageDecoder.decode(jpeg, "ok.jpg", 5000).getWidth()).isEqualTo(100);
        assertThatThrownBy(() -> ImageDecoder.decode(jpeg, "big.jpg", 4999))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
                .hasMessageContaining("big.jpg");
    }

    @Test
    void zeroBytesAreRefused() {
        assertThatThrownBy(() -> ImageDecoder.decode(new byte[0], "empty.jpg", LIMIT))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                .hasMessageContaining("empty.jpg").hasMessageContaining("0 bytes");
    }

    @Test
    void textNamedPngIsRefused() {
        byte[] text = "patient,finding\n1,COVID-19\n".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> ImageDecoder.decode(text, "scan.png", LIMIT))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT))
                .hasMessageContaining("scan.png").hasMessageContaining("text");
    }

    @Test
    void wbmpIsRefusedThoughImageIoReadsIt() {
        BufferedImage binary = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_BINARY);
        byte[] wbmp = TestImages.encode(binary, "wbmp");

        assertThatThrownBy(() -> ImageDecoder.decode(wbmp, "x.wbmp", LIMIT))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT));
    }

    @Test
    void truncatedPngIsRefused() {
        byte[] png = TestImages.encode(noise(64, 64), "png");
        byte[] cut = Arrays.copyOf(png, png.length / 2);

        assertThatThrownBy(() -> ImageDecoder.decode(cut, "cut.png", LIMIT))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                .hasMessageContaining("cut.png");
    }

    @Test
    void truncatedGeneratedJpegIsRefusedThoughTheJpegDecoderOnlyWarns() {
        byte[] jpeg = TestImages.encode(noise(64, 64), "jpeg");
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length * 2 / 3);

        assertThatThrownBy(() -> ImageDecoder.decode(cut, "cut.jpg", LIMIT))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                .hasMessageContaining("cut.jpg").hasMessageContaining("truncated");
    }

    @Test
    void truncationWarningsAreRecognised() {
        assertThat(ImageDecoder.isTruncation("Truncated File - Missing EOI marker")).isTrue();
        assertThat(ImageDecoder.isTruncation("Corrupt JPEG data: premature end of data segment")).isTrue();
        assertThat(ImageDecoder.isTruncation("Corrupt JPEG data: 3 extraneous bytes before marker 0xd9")).isFalse();
    }

    private static BufferedImage noise(int w, int h) {
        SplittableRandom random = new SplittableRandom(7);
        int[] values = new int[w * h];
        Arrays.setAll(values, i -> random.nextInt(256));
        return TestImages.gray8(w, h, values);
    }
}
