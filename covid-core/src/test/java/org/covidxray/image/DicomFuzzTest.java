package org.covidxray.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.covidxray.testing.SharedData;
import org.covidxray.testing.TestDicom;
import org.junit.jupiter.api.Test;

/**
 * Truncates valid DICOM files and flips their bytes thousands of times (seeded, so a failure repeats):
 * every outcome must be a decoded image or the typed {@link ImageDecodeException}, never another
 * exception from inside the reader (the decoder's safety net would wrap it, so its cause is checked
 * too) nor an out-of-memory error.
 */
class DicomFuzzTest {
    private static final long LIMIT = PreprocessingConfig.DEFAULT_MAX_PIXELS;
    private static final int ROUNDS = 6000;

    private static List<byte[]> syntheticFiles() {
        int[] values = new int[24 * 16];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i * 2654435761L % 65536 > 30000 ? i * 97 : i * 5) & 0xFFFF;
        }
        int[] eight = Arrays.stream(values).map(v -> v & 0xFF).toArray();
        return List.of(
                TestDicom.image(24, 16).photometric("MONOCHROME1", 1).window("30000", "20000").rescale("1", "-1024")
                        .view("PA").pixels(values).build(),
                TestDicom.image(24, 16).syntax(TestDicom.IMPLICIT_LE).bits(8, 8, 7).pixels(eight).build(),
                TestDicom.image(24, 16).bits(16, 12, 11).signed().pixels(values).build(),
                TestDicom.image(24, 16).pixels(values).rle().build(),
                TestDicom.image(24, 16).encapsulated(TestDicom.JPEG_LOSSLESS_SV1,
                        TestLosslessJpeg.encode(values, 24, 16, 16)).build(),
                TestDicom.image(24, 16).bits(8, 8, 7).encapsulated(TestDicom.JPEG_BASELINE,
                        TestImages.encode(TestImages.gray8(24, 16, eight), "jpeg")).build());
    }

    @Test
    void truncatedAndFlippedFilesDecodeOrFailWithTheTypedError() {
        List<byte[]> files = syntheticFiles();
        SplittableRandom random = new SplittableRandom(20261201);
        int decoded = 0;
        int refused = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] original = files.get(round % files.size());
            byte[] mutated = mutate(original, random);
            if (attempt(mutated, round)) {
                decoded++;
            } else {
                refused++;
            }
        }
        // both outcomes occur: the mutations are neither all harmless nor all fatal
        assertThat(decoded).isPositive();
        assertThat(refused).isPositive();
    }

    @Test
    void theRealRsnaFileTruncatedAnywhereIsTheTypedError() throws IOException {
        Path folder = SharedData.require("formats");
        Path file;
        try (Stream<Path> list = Files.list(folder)) {
            file = list.filter(p -> p.toString().endsWith(".dcm")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        SplittableRandom random = new SplittableRandom(7);
        List<Integer> cuts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // header cuts are cheap; a few cuts through the JPEG data decode most of the image first
            cuts.add(i < 30 ? random.nextInt(1200) : random.nextInt(bytes.length));
        }
        for (int cut : cuts) {
            assertThat(attempt(Arrays.copyOf(bytes, cut), cut)).as("cut at %d", cut).isFalse();
        }
        for (int i = 0; i < 30; i++) {
            byte[] flipped = bytes.clone();
            int p = 128 + random.nextInt(1000);
            flipped[p] ^= (byte) (1 + random.nextInt(255));
            attempt(flipped, i);
        }
    }

    private static byte[] mutate(byte[] original, SplittableRandom random) {
        byte[] b = original.clone();
        int kind = random.nextInt(3);
        if (kind != 1) {
            int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips; i++) {
                // mostly in the header, where the lengths and the image description are
                int p = random.nextInt(4) == 0 ? random.nextInt(b.length) : 132 + random.nextInt(Math.min(400,
                        b.length - 132));
                b[p] ^= (byte) (1 + random.nextInt(255));
            }
        }
        if (kind != 0) {
            b = Arrays.copyOf(b, 132 + random.nextInt(b.length - 132));
        }
        return b;
    }

    /** True when the bytes decode; false when they are refused with the typed error. */
    private static boolean attempt(byte[] bytes, int round) {
        try {
            DecodedImage image = ImageDecoder.read(bytes, "fuzz-" + round + ".dcm", LIMIT);
            assertThat(image.image().getWidth()).isPositive();
            return true;
        } catch (ImageDecodeException e) {
            assertThat(e.getMessage()).as("round %d", round).contains("fuzz-" + round).doesNotContain(
                    TestDicom.PATIENT_NAME).doesNotContain(TestDicom.PATIENT_ID)
                    .doesNotContain(TestDicom.BIRTH_DATE);
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                StackTraceElement top = cause.getStackTrace()[0];
                assertThat(top.getClassName()).as("round %d: %s escaped the reader", round, cause)
                        .doesNotStartWith("org.covidxray.image.Dicom");
            }
            return false;
        }
    }
}
