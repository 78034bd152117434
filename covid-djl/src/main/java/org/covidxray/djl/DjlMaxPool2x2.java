package org.covidxray.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * 2 x 2 max pooling with stride 2 (floor mode, no padding), the pooling layer of every core
 * {@link org.covidxray.model.Architecture}.
 *
 * <p>Training uses PyTorch's own {@code max_pool2d}, so that gradients are exactly PyTorch's. Inference
 * computes the same values as two element-wise maxima of strided views (rows, then columns), which
 * gives identical results (a maximum is exact) and is much faster on the CPU: PyTorch's
 * {@code max_pool2d} also computes the argmax indices that only the backward pass needs, and on this
 * 2-core machine it took 2.2 ms for one 16 x 224 x 224 activation against 0.17 ms for the strided
 * form; it was 40% of DJL's batch-1 latency (docs/benchmarks.md).
 *
 * <p>It is a {@link LambdaBlock}, so parameter files keep the format they had with DJL's
 * {@code Pool.maxPool2dBlock}.
 */
final class DjlMaxPool2x2 extends LambdaBlock {
    private static final Shape KERNEL = new Shape(2, 2);
    private static final Shape PADDING = new Shape(0, 0);

    DjlMaxPool2x2() {
        super(inputs -> new NDList(Pool.maxPool2d(inputs.singletonOrThrow(), KERNEL, KERNEL, PADDING, false)),
                "maxPool2x2");
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        if (training) {
            return super.forwardInternal(parameterStore, inputs, true, params);
        }
        return new NDList(stridedMax(inputs.singletonOrThrow()));
    }

    /** max over each 2 x 2 window of [N, C, H, W], dropping an odd last row or column as floor mode does. */
    static NDArray stridedMax(NDArray x) {
        long evenHeight = x.getShape().get(2) / 2 * 2;
        long evenWidth = x.getShape().get(3) / 2 * 2;
        NDArray rows = x.get(new NDIndex(":, :, 0:{}:2", evenHeight))
                .maximum(x.get(new NDIndex(":, :, 1:{}:2", evenHeight)));
        return rows.get(new NDIndex(":, :, :, 0:{}:2", evenWidth))
                .maximum(rows.get(new NDIndex(":, :, :, 1:{}:2", evenWidth)));
    }
}
