package org.covidxray.dl4j;

import java.util.List;
import org.covidxray.engine.Batch;
import org.covidxray.image.ImageTensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions between core arrays and ND4J arrays (one copy into off-heap memory, none on the heap). */
final class Dl4jTensors {
    private Dl4jTensors() {
    }

    /** The images of a batch as an NCHW FLOAT array. */
    static INDArray features(Batch batch) {
        return Nd4j.create(batch.images(), new long[] {batch.size(), batch.channels(), batch.height(), batch.width()},
                'c');
    }

    /** Images of one shape stacked into an NCHW FLOAT array. */
    static INDArray features(List<ImageTensor> images, int from, int to) {
        ImageTensor first = images.get(from);
        int per = first.size();
        float[] data = new float[(to - from) * per];
        for (int i = from; i < to; i++) {
            System.arraycopy(images.get(i).data(), 0, data, (i - from) * per, per);
        }
        return Nd4j.create(data, new long[] {to - from, first.channels(), first.height(), first.width()}, 'c');
    }

    /**
     * One-hot labels scaled by {@code n / sum(w[y])}. With DL4J's weighted {@code LossMCXENT} (score
     * {@code -sum(w[c] * y[c] * log p[c]) / n}, gradient {@code p * sum(w*y) - w*y}) this gives exactly
     * PyTorch's weighted mean {@code sum(w[y] * ce) / sum(w[y])} and its gradient; unscaled labels would
     * divide by the batch size instead.
     */
    static INDArray labels(Batch batch, int numClasses, float[] classWeights) {
        int n = batch.size();
        float scale = 1f;
        if (classWeights != null) {
            double sum = 0;
            for (int y : batch.labels()) {
                sum += classWeights[y];
            }
            scale = (float) (n / sum);
        }
        float[] data = new float[n * numClasses];
        for (int i = 0; i < n; i++) {
            int y = batch.labels()[i];
            if (y < 0 || y >= numClasses) {
                throw new IllegalArgumentException("label " + y + " of image " + i + " is not a class index in [0, "
                        + numClasses + ")");
            }
            data[i * numClasses + y] = scale;
        }
        return Nd4j.create(data, new long[] {n, numClasses}, 'c');
    }

    /** Rows of a [n][classes] array as Java floats. */
    static float[][] rows(INDArray matrix) {
        return matrix.castTo(DataType.FLOAT).toFloatMatrix();
    }
}
