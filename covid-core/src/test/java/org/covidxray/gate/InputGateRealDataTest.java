package org.covidxray.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.covidxray.image.GrayImage;
import org.covidxray.image.ImageDecodeException;
import org.covidxray.image.ImageDecoder;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every real radiograph of the shared data must pass the gate's default limits. Logs, for each limit, the
 * image that comes closest to it, so that a change of the limits (or of the data) can be judged.
 */
class InputGateRealDataTest {
    private static final Logger LOG = LoggerFactory.getLogger(InputGateRealDataTest.class);

    private record Measured(Path file, ImageMeasurements m) {
    }

    @Test
    void everySharedImagePassesTheDefaultLimits() throws IOException {
        Path root = SharedData.require(".");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(InputGateRealDataTest::looksLikeImage).sorted().toList();
        }
        InputGate gate = InputGate.defaults();
        List<Measured> measured = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        int undecodable = 0;
        for (Path file : files) {
            BufferedImage decoded;
            try {
                decoded = ImageDecoder.decode(Files.readAllBytes(file), file.toString(),
                        PreprocessingConfig.DEFAULT_MAX_PIXELS);
            } catch (ImageDecodeException e) {
                undecodable++;
                LOG.info("not decodable, so never reaches the gate: {}", e.getMessage());
                continue;
            }
            GrayImage gray = GrayImage.of(decoded);
            try {
                measured.add(new Measured(file, gate.check(decoded, gray, file.toString())));
            } catch (InputRefusedException e) {
                refused.add(e.getMessage());
            }
        }
        LOG.info("input gate over {} shared images: {} passed, {} refused, {} not decodable", files.size(),
                measured.size(), refused.size(), undecodable);
        report(measured, "shorter side (px), limit >= " + gate.limits().minShorterSide(), m -> m.shorterSide(), true);
        report(measured, "aspect ratio, limit <= " + gate.limits().maxAspectRatio(), ImageMeasurements::aspectRatio,
                false);
        report(measured, "colourful fraction, limit <= " + gate.limits().maxColourfulFraction(),
                ImageMeasurements::colourfulFraction, false);
        report(measured, "mean chroma (reported only)", ImageMeasurements::meanChroma, false);
        report(measured, "gray std, limit >= " + gate.limits().minGrayStd(), ImageMeasurements::grayStd, true);
        assertThat(refused).as("real radiographs refused by the gate").isEmpty();
        assertThat(measured.size()).as("images measured").isGreaterThan(files.size() / 2);
    }

    private static void report(List<Measured> all, String what, ToDoubleFunction<ImageMeasurements> value,
                               boolean lowIsNear) {
        Measured nearest = null;
        for (Measured m : all) {
            if (nearest == null || (lowIsNear ? value.applyAsDouble(m.m()) < value.applyAsDouble(nearest.m())
                    : value.applyAsDouble(m.m()) > value.applyAsDouble(nearest.m()))) {
                nearest = m;
            }
        }
        if (nearest != null) {
            LOG.info(String.format(Locale.ROOT, "nearest to %s: %.4f (%s, %dx%d)", what,
                    value.applyAsDouble(nearest.m()), nearest.file(), nearest.m().width(), nearest.m().height()));
        }
    }

    private static boolean looksLikeImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".dcm");
    }
}
