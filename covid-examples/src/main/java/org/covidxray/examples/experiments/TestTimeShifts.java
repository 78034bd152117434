package org.covidxray.examples.experiments;

import java.util.ArrayList;
import java.util.List;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;

/**
 * Test-time augmentation by small translations: the image itself plus copies shifted by
 * {@code fraction} of its side left, right, up and down, whose predictions are averaged. Horizontal
 * flips are not used: they swap the heart to the right side, an anatomy no real chest X-ray in the
 * training data has. Uncovered pixels take the value of black, as in training augmentation.
 */
final class TestTimeShifts {
    private final double fraction;

    /** @param fraction shift as a share of the image side, e.g. 0.04; 0 means no augmentation */
    TestTimeShifts(double fraction) {
        if (fraction < 0 || fraction >= 0.5) {
            throw new ExperimentException("--tta-shift must be in [0, 0.5), was " + fraction);
        }
        this.fraction = fraction;
    }

    boolean enabled() {
        return fraction > 0;
    }

    /** The views to average: the image first, then the four shifted copies (when enabled). */
    List<ImageTensor> views(ImageTensor image, PreprocessingConfig preprocessing) {
        List<ImageTensor> views = new ArrayList<>(5);
        views.add(image);
        if (!enabled()) {
            return views;
        }
        int s = Math.max(1, (int) Math.round(fraction * image.width()));
        float fill = (0f - preprocessing.mean()) / preprocessing.std();
        views.add(shift(image, s, 0, fill));
        views.add(shift(image, -s, 0, fill));
        views.add(shift(image, 0, s, fill));
        views.add(shift(image, 0, -s, fill));
        return views;
    }

    static ImageTensor shift(ImageTensor image, int dx, int dy, float fill) {
        int w = image.width();
        int h = image.height();
        float[] src = image.data();
        float[] out = new float[src.length];
        for (int c = 0; c < image.channels(); c++) {
            int base = c * w * h;
            for (int y = 0; y < h; y++) {
                int sy = y - dy;
                for (int x = 0; x < w; x++) {
                    int sx = x - dx;
                    out[base + y * w + x] = sx < 0 || sy < 0 || sx >= w || sy >= h ? fill : src[base + sy * w + sx];
                }
            }
        }
        return new ImageTensor(out, image.channels(), h, w);
    }
}
