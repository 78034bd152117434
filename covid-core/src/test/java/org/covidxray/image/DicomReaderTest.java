package org.covidxray.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.assertj.core.data.Offset;
import org.covidxray.image.ImageDecodeException.Reason;
import org.covidxray.testing.TestDicom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** DICOM files the tests write themselves (see {@link TestDicom}), read through {@link ImageDecoder}. */
class DicomReaderTest {
    private static final long LIMIT = PreprocessingConfig.DEFAULT_MAX_PIXELS;
    private static final Offset<Float> GRAY16 = Offset.offset(1f / 65535 + 1e-6f);

    private static GrayImage gray(byte[] dicom) {
        return ImageDecoder.decodeGray(dicom, "test.dcm", LIMIT);
    }

    private static void assertPixels(GrayImage image, double... expected) {
        assertThat(image.width() * image.height()).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(image.get(i % image.width(), i / image.width())).as("pixel %d", i)
                    .isCloseTo((float) expected[i], GRAY16);
        }
    }

    /** Asserts that decoding fails with the typed error and reason, and that the message names the file. */
    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRefused(byte[] dicom,
            String name, Reason reason) {
        return assertThatThrownBy(() -> ImageDecoder.decode(dicom, name, LIMIT))
                .isInstanceOfSatisfying(ImageDecodeException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(name);
    }

    @Test
    void sixteenBitMonochrome1GoesThroughRescaleWindowAndInversion() {
        // modality values 2 * stored - 100: 0, 500, 1000, 1900, -100, 3900; the window (500, 1001) maps
        // -0.5..999.5 linearly to 0..1; MONOCHROME1 then inverts
        byte[] dicom = TestDicom.image(3, 2).photometric("MONOCHROME1", 1).rescale("2", "-100")
                .window("500", "1001").pixels(50, 300, 550, 1000, 0, 2000).build();

        assertPixels(gray(dicom), 1 - 0.0005, 1 - 0.5005, 0, 0, 1, 0);
    }

    @Test
    void multiValuedWindowUsesTheFirstAndLinearExactFollowsItsFormula() {
        byte[] dicom = TestDicom.image(4, 1).bits(8, 8, 7).window("100\\40", "50\\400").voiFunction("LINEAR_EXACT")
                .pixels(75, 100, 120, 126).build();

        assertPixels(gray(dicom), 0, 0.5, 0.9, 1);
    }

    @Test
    void signedPixelsAreMaskedToBitsStoredAndSignExtended() {
        // 12 of 16 bits, high bit 11; bits 12-15 carry garbage (an overlay) that must be masked off
        int garbage = 0xA000;
        byte[] dicom = TestDicom.image(4, 1).bits(16, 12, 11).signed()
                .pixels(0x800 | garbage, 0xFFF | garbage, garbage, 0x7FF | garbage).build();

        // without a window: minimum (-2048) to maximum (2047)
        assertPixels(gray(dicom), 0, 2047 / 4095.0, 2048 / 4095.0, 1);
    }

    @Test
    void valuesWhoseHighBitIsNotBitsStoredMinusOneAreShiftedDown() {
        byte[] dicom = TestDicom.image(4, 1).bits(16, 12, 15)
                .pixels(0 << 4 | 5, 100 << 4 | 3, 4095 << 4, 2000 << 4 | 15).build();

        assertPixels(gray(dicom), 0, 100 / 4095.0, 1, 2000 / 4095.0);
    }

    @Test
    void implicitVrEightBitIsReadAndStretchedMinToMax() {
        byte[] dicom = TestDicom.image(2, 2).syntax(TestDicom.IMPLICIT_LE).bits(8, 8, 7).pixels(10, 20, 30, 110)
                .build();

        assertPixels(gray(dicom), 0, 0.1, 0.2, 1);
    }

    @Test
    void rescaleWithNegativeSlopeStillSpansMinToMax() {
        byte[] dicom = TestDicom.image(3, 1).rescale("-1", "1000").pixels(0, 250, 1000).build();

        assertPixels(gray(dicom), 1, 0.75, 0);
    }

    @Test
    void aConstantImageIsBlackRatherThanADivisionByZero() {
        assertPixels(gray(TestDicom.image(2, 1).pixels(7, 7).build()), 0, 0);
    }

    @Test
    void topLevelRowsWinOverTheDecoyInsideASequence() {
        GrayImage image = gray(TestDicom.image(5, 3).pixels(new int[15]).build());

        assertThat(image.width()).isEqualTo(5);
        assertThat(image.height()).isEqualTo(3);
    }

    private static int[] gradient(int width, int height, int max) {
        int[] values = new int[width * height];
        for (int i = 0; i < values.length; i++) {
            int x = i % width;
            int y = i / width;
            values[i] = (x * 37 + y * 101 + (x * y) % 7) % (max + 1);
        }
        values[3] = max;
        values[7] = max;
        values[8] = max;
        return values;
    }

    @Test
    void rleSixteenAndEightBitDecodeExactlyLikeTheSameNativePixels() {
        int[] sixteen = gradient(33, 17, 65535);
        int[] eight = gradient(33, 17, 255);
        Arrays.fill(eight, 40, 300, 9);

        assertThat(gray(TestDicom.image(33, 17).pixels(sixteen).rle().build()).pixels())
                .containsExactly(gray(TestDicom.image(33, 17).pixels(sixteen).build()).pixels());
        assertThat(gray(TestDicom.image(33, 17).bits(8, 8, 7).pixels(eight).rle().build()).pixels())
                .containsExactly(gray(TestDicom.image(33, 17).bits(8, 8, 7).pixels(eight).build()).pixels());
    }

    @Test
    void jpegLosslessSixteenBitDecodesExactlyLikeTheSameNativePixels() {
        int[] values = gradient(40, 24, 65535);
        byte[] jpeg = TestLosslessJpeg.encode(values, 40, 24, 16);

        GrayImage lossless = gray(TestDicom.image(40, 24).encapsulated(TestDicom.JPEG_LOSSLESS_SV1, jpeg).build());

        assertThat(lossless.pixels()).containsExactly(gray(TestDicom.image(40, 24).pixels(values).build()).pixels());
    }

    @Test
    void jpegLosslessTwelveBitSignedIsSignExtended() {
        // -2048, -1, 0, 2047 as 12-bit two's complement, the way a lossless JPEG codes them
        byte[] jpeg = TestLosslessJpeg.encode(new int[] {0x800, 0xFFF, 0, 0x7FF}, 4, 1, 12);

        GrayImage image = gray(TestDicom.image(4, 1).bits(16, 12, 11).signed()
                .encapsulated("1.2.840.10008.1.2.4.57", jpeg).build());

        assertPixels(image, 0, 2047 / 4095.0, 2048 / 4095.0, 1);
    }

    @Test
    void jpegBaselineIsDecodedByImageIoAndStretchedLikeNativePixels() throws Exception {
        int[] values = gradient(32, 32, 255);
        byte[] jpeg = TestImages.encode(TestImages.gray8(32, 32, values), "jpeg");
        BufferedImage direct = ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
        int[] decoded = direct.getRaster().getSamples(0, 0, 32, 32, 0, new int[32 * 32]);

        GrayImage viaDicom = gray(TestDicom.image(32, 32).bits(8, 8, 7)
                .encapsulated(TestDicom.JPEG_BASELINE, jpeg).build());

        assertThat(viaDicom.pixels()).containsExactly(gray(TestDicom.image(32, 32).bits(8, 8, 7).pixels(decoded)
                .build()).pixels());
    }

    @Test
    void viewPositionIsKeptAndLateralViewsAreFlagged() {
        DecodedImage lateral = ImageDecoder.read(TestDicom.image(2, 1).view("LL").pixels(1, 2).build(), "l.dcm", LIMIT);
        DecodedImage frontal = ImageDecoder.read(TestDicom.image(2, 1).view("PA").pixels(1, 2).build(), "f.dcm", LIMIT);
        DecodedImage none = ImageDecoder.read(TestDicom.image(2, 1).pixels(1, 2).build(), "n.dcm", LIMIT);

        assertThat(lateral.view()).contains("LL");
        assertThat(lateral.lateral()).isTrue();
        assertThat(frontal.view()).contains("PA");
        assertThat(frontal.lateral()).isFalse();
        assertThat(none.view()).isEmpty();
        assertThat(none.lateral()).isFalse();
        assertThat(lateral.format()).isEqualTo("dicom");
    }

    @Test
    void patientAttributesAreNeitherReturnedNorInMessages() {
        byte[] dicom = TestDicom.image(2, 1).view("AP").pixels(1, 2).build();
        DecodedImage image = ImageDecoder.read(dicom, "p.dcm", LIMIT);
        ImageDecodeException error = catchThrowableOfType(() -> ImageDecoder.read(Arrays.copyOf(dicom,
                dicom.length - 1), "p.dcm", LIMIT), ImageDecodeException.class);

        assertThat(image.attributes()).containsOnlyKeys(DecodedImage.VIEW);
        for (String secret : new String[] {TestDicom.PATIENT_NAME, TestDicom.PATIENT_ID, TestDicom.BIRTH_DATE}) {
            assertThat(image.attributes().values()).doesNotContain(secret);
            assertThat(error.getMessage()).doesNotContain(secret);
        }
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("multi-frame", (UnaryOperator<TestDicom>) d -> d.frames(2), "frames"),
                Arguments.of("RGB", (UnaryOperator<TestDicom>) d -> d.photometric("RGB", 3), "colour"),
                Arguments.of("palette", (UnaryOperator<TestDicom>) d -> d.photometric("PALETTE COLOR", 1), "colour"),
                Arguments.of("big endian", (UnaryOperator<TestDicom>) d -> d.syntax("1.2.840.10008.1.2.2"), "big endian"),
                Arguments.of("deflate", (UnaryOperator<TestDicom>) d -> d.syntax("1.2.840.10008.1.2.1.99"), "deflated"),
                Arguments.of("JPEG 2000", (UnaryOperator<TestDicom>) d -> d.encapsulated("1.2.840.10008.1.2.4.90",
                        new byte[] {1, 2}), "JPEG 2000"),
                Arguments.of("JPEG-LS", (UnaryOperator<TestDicom>) d -> d.encapsulated("1.2.840.10008.1.2.4.80",
                        new byte[] {1, 2}), "JPEG-LS"),
                Arguments.of("32-bit", (UnaryOperator<TestDicom>) d -> d.bits(32, 32, 31), "32 bits"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void unsupportedFilesAreRefusedSayingWhatToConvertTo(String what, UnaryOperator<TestDicom> change, String says) {
        byte[] dicom = change.apply(TestDicom.image(4, 2).pixels(new int[8])).build();

        assertRefused(dicom, "odd.dcm", Reason.UNSUPPORTED_FORMAT)
                .hasMessageContaining(says)
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("Convert", "Export"));
    }

    @Test
    void twelveBitLossyJpegIsRefusedBeforeTheDecoderTries() {
        byte[] jpeg = TestImages.encode(TestImages.gray8(8, 8, new int[64]), "jpeg");
        for (int p = 2; p < jpeg.length - 1; p++) {
            if ((jpeg[p] & 0xff) == 0xFF && (jpeg[p + 1] & 0xff) == 0xC0) {
                jpeg[p + 4] = 12;
                break;
            }
        }
        byte[] dicom = TestDicom.image(8, 8).bits(16, 12, 11).encapsulated("1.2.840.10008.1.2.4.51", jpeg).build();

        assertRefused(dicom, "ext.dcm", Reason.UNSUPPORTED_FORMAT)
                .hasMessageContaining("12-bit").hasMessageContaining("JPEG lossless");
    }

    @Test
    void tooManyPixelsAreRefusedFromTheHeaderBeforeAllocating() {
        // 60000 x 60000 would need 7 GB; the file holds 16 bytes of pixels
        byte[] dicom = TestDicom.image(60000, 60000).pixels(new int[8]).build();

        assertRefused(dicom, "huge.dcm", Reason.TOO_LARGE)
                .hasMessageContaining("60000x60000");
    }

    @Test
    void pixelDataShorterThanTheHeaderDeclaresIsCorrupt() {
        byte[] dicom = TestDicom.image(4, 4).pixels(new int[4]).build();

        assertRefused(dicom, "short.dcm", Reason.CORRUPT)
                .hasMessageContaining("pixel data has 8 bytes");
    }

    @Test
    void aTruncatedFileIsCorruptNamingTheFile() {
        byte[] dicom = TestDicom.image(4, 4).pixels(new int[16]).build();
        byte[] cut = Arrays.copyOf(dicom, 300);

        assertRefused(cut, "cut.dcm", Reason.CORRUPT)
                .hasMessageContaining("truncated");
    }
}
