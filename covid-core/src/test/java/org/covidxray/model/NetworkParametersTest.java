package org.covidxray.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The PyTorch names the builder gives, and the shapes it insists on. */
class NetworkParametersTest {
    private static final Architecture DOUBLE = new Architecture("d", 16, 1, List.of(2, 3), true, 0);
    private static final List<String> CLASSES = List.of("a", "b");

    @Test
    void namesFollowBlocksConvolutionsAndTheClassifier() {
        NetworkParameters p = NetworkParameters.builder(DOUBLE, CLASSES)
                .conv(new float[2 * 9]).batchNorm(f(2), f(2), f(2), f(2))
                .conv(new float[2 * 2 * 9]).batchNorm(f(2), f(2), f(2), f(2))
                .conv(new float[3 * 2 * 9]).batchNorm(f(3), f(3), f(3), f(3))
                .conv(new float[3 * 3 * 9]).batchNorm(f(3), f(3), f(3), f(3))
                .dense(f(2 * 3), f(2)).build();
        assertThat(p.tensors()).extracting(NamedTensor::toString).startsWith("blocks.0.conv1.weight[2, 1, 3, 3]",
                "blocks.0.bn1.weight[2]", "blocks.0.bn1.bias[2]", "blocks.0.bn1.running_mean[2]",
                "blocks.0.bn1.running_var[2]", "blocks.0.conv2.weight[2, 2, 3, 3]").contains(
                "blocks.1.conv1.weight[3, 2, 3, 3]", "blocks.1.bn2.running_var[3]").endsWith(
                "classifier.weight[2, 3]", "classifier.bias[2]");
        assertThat(p.valueCount()).isEqualTo(DOUBLE.trainableParameterCount(2) + 2 * (2 + 2 + 3 + 3));
    }

    @Test
    void wrongShapesOrderOrMissingLayersAreRefused() {
        assertThatThrownBy(() -> NetworkParameters.builder(DOUBLE, CLASSES).conv(new float[10]))
                .hasMessageContaining("blocks.0.conv1.weight").hasMessageContaining("[2, 1, 3, 3]");
        assertThatThrownBy(() -> NetworkParameters.builder(DOUBLE, CLASSES).dense(f(6), f(2)))
                .hasMessageContaining("expects the convolution blocks.0.conv1");
        assertThatThrownBy(() -> NetworkParameters.builder(DOUBLE, CLASSES).conv(new float[18]).build())
                .hasMessageContaining("stop before blocks.0.bn1");
    }

    private static float[] f(int n) {
        return new float[n];
    }
}
