package org.covidxray.report;

import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import org.covidxray.io.PngEncoder;
import org.jfree.chart.JFreeChart;

/**
 * PNG encoding of charts, headless. Every chart's {@code png} method calls {@link #checkSize} first,
 * which loads this class and so sets headless mode before any AWT class is touched. Public so that
 * other modules' charts (the engines experiment's bar chart) use the same encoder.
 */
public final class Png {
    static {
        // charts are drawn into images, never on screen; without this a server with a stray DISPLAY fails
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Png() {
    }

    /** The chart drawn at {@code width} x {@code height} as PNG; {@code what} names it in errors. */
    public static byte[] of(JFreeChart chart, int width, int height, String what) {
        checkSize(width, height, what);
        return of(chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null), what);
    }

    static byte[] of(BufferedImage image, String what) {
        try {
            return PngEncoder.encode(image);
        } catch (UncheckedIOException e) {
            throw new ReportException("the " + what + " chart: " + e.getMessage(), e);
        }
    }

    static void checkSize(int width, int height, String what) {
        if (width < 100 || height < 100 || (long) width * height > 25_000_000L) {
            throw new ReportException("chart size " + width + "x" + height + " for the " + what
                    + " chart is out of range; use at least 100x100 and at most 25 megapixels");
        }
    }
}
