package org.covidxray.evaluation;

import java.util.ArrayList;
import java.util.List;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;

/**
 * Test-time augmentation by shifting: each image is predicted as it is and moved left, right, up and
 * down by a fraction of its width (the uncovered border filled with black), and the probabilities are
 * averaged. A fraction of 0 means one view, the image itself.
 */
public final class TestTimeShifts {
    private static final TestTimeShifts NONE = new TestTimeShifts(0);
    private final double fraction;

    /**
     * @param fraction the shift as a fraction of the image width, in [0, 0.5)
     * @throws IllegalArgumentException outside that range
     */
    public TestTimeShifts(double fraction) {
        if (!(fraction >= 0 && fraction < 0.5)) {
            throw new IllegalArgumentException("the test-time shift must be a fraction of the width in [0, 0.5), was "
                    + fraction);
        }
        this.fraction = fraction;
    }

    /** One view per image: no test-time augmentation. */
    public static TestTimeShifts none() {
        return NONE;
    }

    public boolean enabled() {
        return fraction > 0;
    }

    public double fraction() {
        return fraction;
    }

    /** The views to predict: the image first, then its four shifts when enabled. */
    public List<ImageTensor> views(ImageTensor image, PreprocessingConfig preprocessing) {
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

    /** The image moved by {@code dx, dy} pixels, uncovered pixels set to {@code fill}. */
    public static ImageTensor shift(ImageTensor image, int dx, int dy, float fill) {
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
