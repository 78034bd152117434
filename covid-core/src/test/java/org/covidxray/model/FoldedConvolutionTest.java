package org.covidxray.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Batch norm folded into the convolution before it: the maths per channel, the order of layers, bad input. */
class FoldedConvolutionTest {

    /** For every input, conv'(x) = bn(conv(x)): checked per output channel on one input patch. */
    @Test
    void foldedKernelAndBiasGiveTheBatchNormOfTheConvolution() {
        float[] weight = {1, -2, 0.5f, 3, // channel 0: 4 inputs (a 1x1 kernel over 4 channels, say)
            -1, 0.25f, 2, 1};             // channel 1
        float[] gamma = {2, 0.5f};
        float[] beta = {0.1f, -3};
        float[] mean = {0.4f, -1};
        float[] var = {4, 0.01f};
        double eps = 1e-5;
        FoldedConvolution fold = FoldedConvolution.fold(weight, gamma, beta, mean, var, eps);
        float[] x = {0.3f, -1.2f, 2, 0.7f};
        for (int c = 0; c < 2; c++) {
            double conv = 0;
            double folded = fold.bias()[c];
            for (int k = 0; k < 4; k++) {
                conv += weight[c * 4 + k] * x[k];
                folded += fold.weight()[c * 4 + k] * x[k];
            }
            double normed = gamma[c] * (conv - mean[c]) / Math.sqrt(var[c] + eps) + beta[c];
            assertThat(folded).as("channel %d", c).isCloseTo(normed, within(1e-5));
        }
        assertThat(fold.outChannels()).isEqualTo(2);
        // channel 0: s = 2 / sqrt(4 + 1e-5) ~ 1; bias = 0.1 - 0.4 * s
        assertThat((double) fold.bias()[0]).isCloseTo(0.1 - 0.4 * 2 / Math.sqrt(4 + eps), within(1e-7));
    }

    @Test
    void everyConvolutionOfAnArchitectureInLayerOrder() {
        Architecture arch = new Architecture("d", 16, 1, List.of(2, 3), true, 0);
        NetworkParameters.Builder builder = NetworkParameters.builder(arch, List.of("a", "b"));
        int[][] convs = {{2, 1}, {2, 2}, {3, 2}, {3, 3}};
        for (int i = 0; i < convs.length; i++) {
            int out = convs[i][0];
            float[] w = new float[out * convs[i][1] * 9];
            java.util.Arrays.fill(w, 1);
            float[] gamma = new float[out];
            java.util.Arrays.fill(gamma, i + 1); // each layer's own scale: s = i + 1 (var 1 - eps)
            float[] var = new float[out];
            java.util.Arrays.fill(var, (float) (1 - NetworkParameters.BATCH_NORM_EPSILON));
            builder.conv(w).batchNorm(gamma, new float[out], new float[out], var);
        }
        List<FoldedConvolution> folds = FoldedConvolution.of(builder.dense(new float[6], new float[2]).build());
        assertThat(folds).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(folds.get(i).outChannels()).isEqualTo(convs[i][0]);
            assertThat(folds.get(i).weight()).hasSize(convs[i][0] * convs[i][1] * 9);
            assertThat((double) folds.get(i).weight()[0]).isCloseTo(i + 1, within(1e-5));
        }
    }

    @Test
    void inconsistentOrBrokenStatisticsAreRefused() {
        assertThatThrownBy(() -> FoldedConvolution.fold(new float[6], new float[2], new float[2], new float[3],
                new float[2], 1e-5)).hasMessageContaining("must agree");
        assertThatThrownBy(() -> FoldedConvolution.fold(new float[5], new float[2], new float[2], new float[2],
                new float[2], 1e-5)).hasMessageContaining("does not split");
        assertThatThrownBy(() -> FoldedConvolution.fold(new float[2], new float[] {1}, new float[1], new float[1],
                new float[] {-1}, 1e-5)).hasMessageContaining("running variance -1.0");
        assertThatThrownBy(() -> FoldedConvolution.fold(new float[2], new float[] {1}, new float[1], new float[1],
                new float[] {Float.NaN}, 1e-5)).hasMessageContaining("channel 0");
    }
}
