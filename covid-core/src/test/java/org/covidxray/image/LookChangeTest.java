package org.covidxray.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LookChangeTest {
    private static final int W = 24;
    private static final int H = 20;

    /** A smooth gradient with a bright square, inside (0.1, 0.9) so that nothing clamps at first. */
    private static float[] image() {
        float[] p = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                p[y * W + x] = 0.15f + 0.5f * x / W + (x > 8 && x < 14 && y > 6 && y < 12 ? 0.2f : 0f);
            }
        }
        return p;
    }

    private static double mean(float[] p) {
        double s = 0;
        for (float v : p) {
            s += v;
        }
        return s / p.length;
    }

    private static float[] apply(LookChange c, float[] p, long seed) {
        return c.apply(p, W, H, 1.0, new SplittableRandom(seed));
    }

    @Test
    void gammaOneIsTheIdentityAndGammaAboveOneDarkens() {
        float[] in = image();
        assertThat(apply(new LookChange.Gamma(1), in, 1)).containsExactly(in, within(1e-6f));
        float[] dark = apply(new LookChange.Gamma(1.6), in, 1);
        for (int i = 0; i < in.length; i++) {
            assertThat(dark[i]).isLessThan(in[i]);
            assertThat(dark[i]).isCloseTo((float) Math.pow(in[i], 1.6), within(1e-6f));
        }
    }

    @Test
    void contrastKeepsTheMeanAndScalesTheSpread() {
        float[] in = image();
        float[] low = apply(new LookChange.Contrast(0.6), in, 1);
        assertThat(mean(low)).isCloseTo(mean(in), within(1e-6));
        double m = mean(in);
        assertThat(low[5] - m).isCloseTo(0.6 * (in[5] - m), within(1e-6));
        assertThat(apply(new LookChange.Contrast(1), in, 1)).containsExactly(in, within(1e-6f));
    }

    @Test
    void resolutionFactorOneIsTheIdentityAndHalfLosesDetailButKeepsTheMean() {
        float[] in = image();
        assertThat(apply(new LookChange.Resolution(1), in, 1)).containsExactly(in);
        float[] half = apply(new LookChange.Resolution(0.5), in, 1);
        assertThat(half).hasSameSizeAs(in);
        assertThat(mean(half)).isCloseTo(mean(in), within(0.02));
        assertThat(half).isNotEqualTo(in);
    }

    @Test
    void blurKeepsTheSumApproximatelyAndSmoothsAnEdge() {
        float[] in = image();
        float[] blurred = apply(new LookChange.Blur(1.5), in, 1);
        assertThat(mean(blurred)).isCloseTo(mean(in), within(0.005));
        // across the square's left edge (x 8 -> 9) the step of 0.2 is spread out
        float stepIn = in[9 * W + 9] - in[9 * W + 8];
        float stepOut = blurred[9 * W + 9] - blurred[9 * W + 8];
        assertThat(stepOut).isLessThan(stepIn * 0.7f);
        assertThat(apply(new LookChange.Blur(0), in, 1)).containsExactly(in);
    }

    @Test
    void blurSigmaIsInInputPixels() {
        // twice the resolution with twice the sigma in image pixels: the same sigma in input pixels
        float[] in = image();
        float[] a = new LookChange.Blur(1).apply(in, W, H, 1.0, new SplittableRandom(1));
        float[] b = new LookChange.Blur(2).apply(in, W, H, 1.0, new SplittableRandom(1));
        float[] c = new LookChange.Blur(1).apply(in, W, H, 2.0, new SplittableRandom(1));
        assertThat(c).containsExactly(b, within(1e-6f));
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void noiseIsDeterministicPerSeedAndHasTheGivenSpread() {
        float[] in = image();
        LookChange noise = new LookChange.Noise(0.05);
        assertThat(apply(noise, in, 7)).containsExactly(apply(noise, in, 7));
        assertThat(apply(noise, in, 7)).isNotEqualTo(apply(noise, in, 8));
        float[] out = apply(noise, in, 7);
        double sq = 0;
        for (int i = 0; i < in.length; i++) {
            sq += (out[i] - in[i]) * (out[i] - in[i]);
        }
        assertThat(Math.sqrt(sq / in.length)).isCloseTo(0.05, within(0.01));
    }

    @Test
    void changesNeverModifyTheirInputAndClampToTheUnitRange() {
        float[] in = image();
        float[] copy = in.clone();
        float[] strong = apply(new LookChange.Contrast(5), in, 1);
        apply(new LookChange.Noise(0.5), in, 1);
        assertThat(in).containsExactly(copy);
        for (float v : strong) {
            assertThat(v).isBetween(0f, 1f);
        }
    }
}
