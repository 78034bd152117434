package org.covidxray.saliency;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.covidxray.image.GrayImage;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.image.Preprocessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaliencyOverlayTest {

    /** A 64 x 32 original: dark, with a bright block at x in [40, 52), y in [4, 12). */
    private static GrayImage original() {
        float[] data = new float[64 * 32];
        Arrays.fill(data, 0.2f);
        for (int y = 4; y < 12; y++) {
            for (int x = 40; x < 52; x++) {
                data[y * 64 + x] = 0.9f;
            }
        }
        return new GrayImage(data, 64, 32);
    }

    private static boolean colored(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return r != g || g != b;
    }

    @Test
    void overlayOnTheOriginalKeepsItsAspectAndColoursTheRegion() throws IOException {
        PreprocessingConfig pre = PreprocessingConfig.defaults(32);
        ImageTensor input = new Preprocessor(pre).apply(original());
        // stretched 64x32 -> 32x32: the block is at x in [20, 26), y in [4, 12) of the input
        RegionClassifier classifier = new RegionClassifier(pre, 20, 4, 26, 12, 3.0);
        SaliencyMap map = new OcclusionSaliency(4, 2, OcclusionFill.imageMean(), 32).explain(classifier, input);

        byte[] png = SaliencyOverlay.png(SaliencyOverlay.defaults().render(original(), pre, map));
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));

        assertThat(decoded.getWidth()).isEqualTo(64);
        assertThat(decoded.getHeight()).isEqualTo(32);
        assertThat(colored(decoded.getRGB(45, 8))).as("inside the block").isTrue();
        assertThat(colored(decoded.getRGB(5, 28))).as("far from it").isFalse();
        assertThat(decoded.getRGB(5, 28) & 0xff).isEqualTo(Math.round(0.2f * 255));
    }

    @Test
    void largeOriginalsAreScaledDownKeepingTheAspect() {
        PreprocessingConfig pre = PreprocessingConfig.defaults(32);
        ImageTensor input = new Preprocessor(pre).apply(original());
        SaliencyMap map = OcclusionSaliency.defaults().explain(new RegionClassifier(pre, 20, 4, 26, 12, 3.0), input);

        BufferedImage small = new SaliencyOverlay(0.5, 40).render(original(), pre, map);

        assertThat(small.getWidth()).isEqualTo(40);
        assertThat(small.getHeight()).isEqualTo(20);
    }

    @Test
    void centreCropLeavesTheSidesUncoloured() {
        PreprocessingConfig pre = PreprocessingConfig.defaults(32).withCenterCrop(true);
        ImageTensor input = new Preprocessor(pre).apply(original());
        // centre crop keeps x in [16, 48): the block starts at input x = 40 - 16 = 24
        SaliencyMap map = new OcclusionSaliency(4, 2, OcclusionFill.imageMean(), 32)
                .explain(new RegionClassifier(pre, 24, 4, 32, 12, 3.0), input);

        BufferedImage overlay = SaliencyOverlay.defaults().render(original(), pre, map);

        assertThat(overlay.getWidth()).isEqualTo(64);
        assertThat(colored(overlay.getRGB(44, 8))).isTrue();
        assertThat(colored(overlay.getRGB(50, 8))).as("outside the crop").isFalse();
    }

    @Test
    void overlayOnTheInputAndRawHeatMapMatchTheMap(@TempDir Path dir) throws IOException {
        PreprocessingConfig pre = PreprocessingConfig.defaults(32);
        ImageTensor input = new Preprocessor(pre).apply(original());
        SaliencyMap map = new OcclusionSaliency(4, 2, OcclusionFill.imageMean(), 32)
                .explain(new RegionClassifier(pre, 20, 4, 26, 12, 3.0), input);
        Path file = dir.resolve("heat.png");

        SaliencyOverlay.writePng(SaliencyOverlay.heatMapImage(map), file);
        BufferedImage heat = ImageIO.read(file.toFile());
        BufferedImage overlay = SaliencyOverlay.defaults().render(input, pre, map);

        assertThat(heat.getWidth()).isEqualTo(32);
        assertThat(heat.getHeight()).isEqualTo(32);
        SaliencyMap.Location peak = map.peak();
        assertThat(heat.getRaster().getSample(peak.x(), peak.y(), 0)).isEqualTo(255);
        assertThat(heat.getRaster().getSample(2, 30, 0)).isZero();
        assertThat(overlay.getWidth()).isEqualTo(32);
        assertThat(colored(overlay.getRGB(peak.x(), peak.y()))).isTrue();
        assertThat(colored(overlay.getRGB(2, 30))).isFalse();
    }

    @Test
    void infernoRunsFromNearBlackToPaleYellow() {
        assertThat(InfernoColorMap.rgb(0f)).isEqualTo(0x000004);
        assertThat(InfernoColorMap.rgb(1f)).isEqualTo(0xfcffa4);
        assertThat(InfernoColorMap.rgb(0.5f)).isEqualTo(0xbc3754);
        assertThat(InfernoColorMap.rgb(2f)).isEqualTo(0xfcffa4);
    }
}
