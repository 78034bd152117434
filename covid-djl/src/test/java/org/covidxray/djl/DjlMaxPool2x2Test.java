package org.covidxray.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fast inference path of the pooling layer gives exactly PyTorch's max_pool2d, odd sizes included. */
class DjlMaxPool2x2Test {

    @ParameterizedTest(name = "{0}x{1}x{2}x{3}")
    @CsvSource({"1, 16, 224, 224", "3, 4, 9, 7", "2, 1, 2, 2", "1, 2, 5, 12"})
    void inferenceEqualsPyTorchsMaxPool(int n, int c, int h, int w) {
        DjlEngine.get();
        try (NDManager manager = NDManager.newBaseManager(DjlEngine.ENGINE_NAME)) {
            NDArray x = manager.randomNormal(new Shape(n, c, h, w));
            NDArray expected = Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
            DjlMaxPool2x2 block = new DjlMaxPool2x2();
            NDArray inference = block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
            NDArray training = block.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
            assertThat(inference.getShape()).isEqualTo(new Shape(n, c, h / 2, w / 2));
            assertThat(inference.contentEquals(expected)).isTrue();
            assertThat(training.contentEquals(expected)).isTrue();
            assertThat(block.getOutputShapes(new Shape[] {x.getShape()})[0]).isEqualTo(expected.getShape());
        }
    }
}
