package org.covidxray.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.covidxray.gate.InputRefusedException.Reason;
import org.covidxray.image.GrayImage;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.testing.GateImages;
import org.junit.jupiter.api.Test;

class InputGateTest {
    private static final long MAX_PIXELS = PreprocessingConfig.DEFAULT_MAX_PIXELS;
    private final InputGate gate = InputGate.defaults();

    private GrayImage admit(BufferedImage image, String name) {
        return gate.decodeGray(GateImages.png(image), name, MAX_PIXELS);
    }

    private void assertRefused(BufferedImage image, String name, Reason reason, String... words) {
        assertThatThrownBy(() -> admit(image, name)).isInstanceOfSatisfying(InputRefusedException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.file()).isEqualTo(name);
            assertThat(e.getMessage()).contains(name).contains(words);
        });
    }

    @Test
    void aRadiographLikeGrayImagePasses() {
        GrayImage gray = admit(GateImages.radiographLike(400, 480, 1), "film.png");
        assertThat(gray.width()).isEqualTo(400);
        assertThat(gray.height()).isEqualTo(480);
    }

    @Test
    void grayStoredAsRgbAndATintedFilmPass() {
        BufferedImage film = GateImages.radiographLike(300, 300, 2);
        admit(GateImages.tinted(film, Color.WHITE), "rgb-gray.png");
        admit(GateImages.tinted(film, new Color(200, 160, 255)), "purple-monitor.png");
        admit(GateImages.tinted(film, new Color(255, 220, 170)), "sepia.png");
    }

    @Test
    void aOneByOnePixelImageIsTooSmall() {
        assertRefused(GateImages.constant(1, 1, 128), "dot.png", Reason.TOO_SMALL, "1x1 pixels", "64 px");
    }

    @Test
    void aJustLargeEnoughImagePassesTheSizeCheck() {
        admit(GateImages.radiographLike(GateLimits.MIN_SHORTER_SIDE, GateLimits.MIN_SHORTER_SIDE, 3), "small.png");
        assertRefused(GateImages.radiographLike(GateLimits.MIN_SHORTER_SIDE - 1, 200, 3), "thumb.png",
                Reason.TOO_SMALL, "63x200");
    }

    @Test
    void aBannerHasAnExtremeAspectRatio() {
        assertRefused(GateImages.radiographLike(4000, 100, 4), "banner.png", Reason.EXTREME_ASPECT_RATIO,
                "4000x100", "40.0:1", "3.0:1");
        assertRefused(GateImages.radiographLike(100, 4000, 4), "strip.png", Reason.EXTREME_ASPECT_RATIO, "40.0:1");
    }

    @Test
    void aColourPhotographIsRefusedBeforeGrayConversion() {
        BufferedImage photo = GateImages.colourPhotoLike(320, 240, 5);
        // once gray, it has plenty of contrast: only the colour gives it away
        assertThat(ImageMeasurementsTest.grayStd(photo)).isGreaterThan(GateLimits.MIN_GRAY_STD);
        assertRefused(photo, "holiday.jpg", Reason.COLOUR_IMAGE, "colour image", "photograph");
    }

    @Test
    void aConstantGrayImageIsRefused() {
        assertRefused(GateImages.constant(512, 512, 127), "blank.png", Reason.NEAR_CONSTANT, "nearly uniform");
        assertRefused(GateImages.constant(512, 512, 0), "black.png", Reason.NEAR_CONSTANT, "not blank");
    }

    @Test
    void refusalsCarryTheMeasuredValueAndTheLimit() {
        assertThatThrownBy(() -> admit(GateImages.radiographLike(4000, 100, 6), "b.png"))
                .isInstanceOfSatisfying(InputRefusedException.class, e -> {
                    assertThat(e.measured()).isEqualTo(40.0);
                    assertThat(e.limit()).isEqualTo(GateLimits.MAX_ASPECT_RATIO);
                    assertThat(e.reason().code()).isEqualTo("extreme_aspect_ratio");
                });
    }

    @Test
    void limitsAreValidated() {
        assertThatThrownBy(() -> new GateLimits(0, 3, 0.2, 0.01)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minShorterSide");
        assertThatThrownBy(() -> new GateLimits(64, 0.5, 0.2, 0.01)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxAspectRatio");
    }
}
