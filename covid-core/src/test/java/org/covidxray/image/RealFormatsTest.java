package org.covidxray.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.covidxray.image.ImageDecodeException.Reason;
import org.covidxray.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real files in {@code ../shared/data/formats}: an NIH PNG, two JPEGs, an RSNA DICOM (JPEG baseline). */
class RealFormatsTest {
    private static final long LIMIT = PreprocessingConfig.DEFAULT_MAX_PIXELS;

    @Test
    void nihGrayPngKeepsItsStoredValues() throws IOException {
        Path file = SharedData.require("formats/00000001_000.png");
        Raster raw = ImageIO.read(file.toFile()).getRaster();

        GrayImage gray = ImageDecoder.decodeGray(Files.readAllBytes(file), file.toString(), LIMIT);

        assertThat(raw.getNumBands()).isEqualTo(1);
        assertThat(gray.width()).isEqualTo(raw.getWidth());
        assertThat(gray.height()).isEqualTo(raw.getHeight());
        for (int y = 0; y < raw.getHeight(); y += 7) {
            for (int x = 0; x < raw.getWidth(); x += 5) {
                assertThat(gray.get(x, y)).isEqualTo(raw.getSample(x, y, 0) / 255f);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"formats/16747_3_1.jpg", "formats/covid-19-pneumonia-58-prior.jpg"})
    void jpegLumaMatchesTheGenericRgbPath(String relative) throws IOException {
        Path file = SharedData.require(relative);
        BufferedImage decoded = ImageDecoder.decode(Files.readAllBytes(file), file.toString(), LIMIT);

        GrayImage gray = GrayImage.of(decoded);

        for (int y = 0; y < decoded.getHeight(); y += 37) {
            for (int x = 0; x < decoded.getWidth(); x += 23) {
                int p = decoded.getRGB(x, y);
                float expected = (0.299f * ((p >> 16) & 0xff) + 0.587f * ((p >> 8) & 0xff) + 0.114f * (p & 0xff)) / 255f;
                assertThat(gray.get(x, y)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 0.9, 0.999})
    void truncatedRealJpegIsRefused(double keep) throws IOException {
        Path file = SharedData.require("formats/16747_3_1.jpg");
        byte[] full = Files.readAllBytes(file);
        byte[] cut = Arrays.copyOf(full, (int) (full.length * keep));

        assertThatThrownBy(() -> ImageDecoder.decode(cut, "16747_3_1-cut.jpg", LIMIT))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                .hasMessageContaining("16747_3_1-cut.jpg").hasMessageContaining("truncated");
    }

    private static Path rsnaDicom() throws IOException {
        Path folder = SharedData.require("formats");
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".dcm")).findFirst().orElseThrow();
        }
    }

    @Test
    void rsnaDicomIsTheJpegItHoldsStretchedMinToMaxWithItsView() throws IOException {
        Path file = rsnaDicom();
        byte[] bytes = Files.readAllBytes(file);
        int soi = indexOf(bytes, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        BufferedImage embedded = ImageIO.read(new ByteArrayInputStream(Arrays.copyOfRange(bytes, soi, bytes.length)));
        Raster raster = embedded.getRaster();
        int[] samples = raster.getSamples(0, 0, raster.getWidth(), raster.getHeight(), 0, (int[]) null);
        int min = Arrays.stream(samples).min().orElseThrow();
        int max = Arrays.stream(samples).max().orElseThrow();

        DecodedImage decoded = ImageDecoder.read(bytes, file.toString(), LIMIT);
        GrayImage gray = GrayImage.of(decoded.image());

        assertThat(decoded.format()).isEqualTo("dicom");
        assertThat(decoded.view()).contains("PA");
        assertThat(decoded.lateral()).isFalse();
        assertThat(decoded.attributes()).containsOnlyKeys(DecodedImage.VIEW);
        assertThat(gray.width()).isEqualTo(1024);
        assertThat(gray.height()).isEqualTo(1024);
        for (int y = 0; y < 1024; y += 13) {
            for (int x = 0; x < 1024; x += 11) {
                float expected = (raster.getSample(x, y, 0) - min) / (float) (max - min);
                assertThat(gray.get(x, y)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1f / 65535 + 1e-6f));
            }
        }
    }

    @Test
    void rsnaDicomPassesTheInputGateAndItsHeaderAloneGivesTheView() throws IOException {
        Path file = rsnaDicom();

        GrayImage gray = org.covidxray.gate.InputGate.defaults().load(file, LIMIT);

        assertThat(gray.mean()).isBetween(0.1, 0.9);
        assertThat(ImageFormats.attributes(file)).containsEntry(DecodedImage.VIEW, "PA").hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.1, 0.5, 0.9, 0.999})
    void truncatedRsnaDicomIsCorrupt(double keep) throws IOException {
        Path file = rsnaDicom();
        byte[] full = Files.readAllBytes(file);
        byte[] cut = Arrays.copyOf(full, (int) (full.length * keep));

        assertThatThrownBy(() -> ImageDecoder.decode(cut, "rsna-cut.dcm", LIMIT))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                .hasMessageContaining("rsna-cut.dcm");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void everyRealImageBecomesATensorOfTheConfiguredSize() throws IOException {
        Path folder = SharedData.require("formats");
        Preprocessor pre = new Preprocessor(PreprocessingConfig.defaults(224).withCenterCrop(true));
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(p -> {
                ImageTensor t = pre.load(p);
                assertThat(t.width()).as(p.toString()).isEqualTo(224);
                assertThat(t.height()).isEqualTo(224);
                double mean = 0;
                for (float v : t.data()) {
                    assertThat(v).isBetween(-2f, 2f);
                    mean += v;
                }
                // an X-ray is neither blank nor saturated
                assertThat(mean / t.size()).isBetween(-1.9, 1.9);
            });
        }
    }
}
