package org.covidxray.gate;

/**
 * The limits of the {@link InputGate}, each checked against an {@link ImageMeasurements} value. The
 * defaults were chosen with margin so that every decodable image of the project's shared test data (about
 * 6,900 chest radiographs from six collections; {@code InputGateRealDataTest} measures how close the
 * nearest ones come) passes, while thumbnails, banners, photographs and blank files do not.
 *
 * @param minShorterSide fewest pixels on the shorter side; the smallest real images are Kermany's 224 px
 * @param maxAspectRatio longer side over shorter side; real films are below 2:1
 * @param maxColourfulFraction the largest share of pixels whose chroma reaches
 *     {@link ImageMeasurements#COLOURFUL_CHROMA}; gray stored as RGB (and JPEG colour noise, or a small
 *     coloured annotation arrow) stays far below it, a colour photograph far above
 * @param minGrayStd the smallest standard deviation of the gray intensities (in [0, 1]); below it the
 *     image is blank or nearly so
 */
public record GateLimits(int minShorterSide, double maxAspectRatio, double maxColourfulFraction, double minGrayStd) {

    /** Default {@link #minShorterSide()}. */
    public static final int MIN_SHORTER_SIDE = 64;
    /** Default {@link #maxAspectRatio()}. */
    public static final double MAX_ASPECT_RATIO = 3.0;
    /** Default {@link #maxColourfulFraction()}. */
    public static final double MAX_COLOURFUL_FRACTION = 0.25;
    /** Default {@link #minGrayStd()}: about 5 of 255 gray levels. */
    public static final double MIN_GRAY_STD = 0.02;

    public GateLimits {
        if (minShorterSide < 1) {
            throw new IllegalArgumentException("minShorterSide must be at least 1, was " + minShorterSide);
        }
        if (!(maxAspectRatio >= 1)) {
            throw new IllegalArgumentException("maxAspectRatio must be at least 1, was " + maxAspectRatio);
        }
        if (!(maxColourfulFraction >= 0 && maxColourfulFraction <= 1)) {
            throw new IllegalArgumentException("maxColourfulFraction must be in [0, 1], was " + maxColourfulFraction);
        }
        if (!(minGrayStd >= 0)) {
            throw new IllegalArgumentException("minGrayStd must be >= 0, was " + minGrayStd);
        }
    }

    /** The documented defaults. */
    public static GateLimits defaults() {
        return new GateLimits(MIN_SHORTER_SIDE, MAX_ASPECT_RATIO, MAX_COLOURFUL_FRACTION, MIN_GRAY_STD);
    }
}
