package org.covidxray.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.covidxray.image.GrayImage;
import org.covidxray.testing.GateImages;
import org.junit.jupiter.api.Test;

class ImageMeasurementsTest {

    static double grayStd(BufferedImage image) {
        return ImageMeasurements.of(image, GrayImage.of(image)).grayStd();
    }

    private static ImageMeasurements measure(BufferedImage image) {
        return ImageMeasurements.of(image, GrayImage.of(image));
    }

    @Test
    void grayImagesHaveNoColour() {
        ImageMeasurements m = measure(GateImages.radiographLike(200, 100, 1));
        assertThat(m.colourfulFraction()).isZero();
        assertThat(m.meanChroma()).isZero();
        assertThat(m.aspectRatio()).isEqualTo(2.0);
        assertThat(m.shorterSide()).isEqualTo(100);
    }

    @Test
    void aTintHasChromaButNoColourBeyondIt() {
        ImageMeasurements m = measure(GateImages.tinted(GateImages.radiographLike(200, 200, 1), new Color(120, 90, 255)));
        assertThat(m.meanChroma()).isGreaterThan(0.2);
        assertThat(m.colourfulFraction()).isLessThan(0.01);
    }

    @Test
    void aColourPhotographIsMostlyColourful() {
        assertThat(measure(GateImages.colourPhotoLike(300, 200, 1)).colourfulFraction()).isGreaterThan(0.5);
    }

    @Test
    void grayStdIsThatOfTheIntensities() {
        BufferedImage half = GateImages.constant(100, 100, 0);
        for (int y = 0; y < 100; y++) {
            for (int x = 50; x < 100; x++) {
                half.getRaster().setSample(x, y, 0, 255);
            }
        }
        assertThat(measure(half).grayStd()).isCloseTo(0.5, within(1e-9));
        assertThat(measure(GateImages.constant(64, 64, 90)).grayStd()).isCloseTo(0, within(1e-6));
    }

    @Test
    void largeImagesAreMeasuredOnAGrid() {
        ImageMeasurements m = measure(GateImages.radiographLike(2000, 1500, 2));
        assertThat(m.width()).isEqualTo(2000);
        assertThat(m.grayStd()).isGreaterThan(0.1);
    }
}
