package org.covidxray.testing;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.covidxray.engine.Batch;
import org.covidxray.engine.NetworkSpec;
import org.covidxray.engine.StepResult;
import org.covidxray.engine.TrainableNetwork;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelFormatException;
import org.covidxray.model.ModelManifest;

/** The fake engine's trainable model: softmax regression on 4x4 pooled pixels. */
final class FakeNetwork implements TrainableNetwork {
    static final int GRID = 4;

    private final NetworkSpec spec;
    private final Script script;
    private Weights weights;
    private double learningRate;
    private int steps;
    private int validations;
    private boolean trainedSinceLastPrediction;

    FakeNetwork(NetworkSpec spec, Script script) {
        this.spec = spec;
        this.script = script;
        this.learningRate = spec.config().learningRate();
        SplittableRandom random = new SplittableRandom(spec.config().seed());
        int k = spec.numClasses();
        float[] w = new float[k * (GRID * GRID + 1)];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * 0.01);
        }
        weights = new Weights(k, w);
    }

    @Override
    public StepResult trainStep(Batch batch) {
        steps++;
        trainedSinceLastPrediction = true;
        if (script.divergeAtStep() > 0 && steps >= script.divergeAtStep()) {
            return new StepResult(Double.NaN, 0);
        }
        int k = spec.numClasses();
        int f = GRID * GRID + 1;
        float[] grad = new float[weights.values.length];
        double loss = 0;
        double weightSum = 0;
        int correct = 0;
        for (int i = 0; i < batch.size(); i++) {
            float[] x = features(batch, i);
            double[] p = weights.probabilities(x);
            int y = batch.labels()[i];
            double cw = spec.classWeights() == null ? 1 : spec.classWeights()[y];
            loss -= cw * Math.log(Math.max(p[y], 1e-15));
            weightSum += cw;
            if (argMax(p) == y) {
                correct++;
            }
            for (int c = 0; c < k; c++) {
                double d = cw * (p[c] - (c == y ? 1 : 0));
                for (int j = 0; j < f; j++) {
                    grad[c * f + j] += (float) (d * x[j]);
                }
            }
        }
        // plain SGD with a larger step: the fake is convex and tiny
        double step = learningRate * 50 / Math.max(weightSum, 1e-9);
        for (int i = 0; i < grad.length; i++) {
            weights.values[i] -= (float) (step * grad[i]);
        }
        return new StepResult(loss / weightSum, correct);
    }

    @Override
    public float[][] predict(Batch batch) {
        // the loop validates after training each epoch: the first prediction after training starts a round
        if (trainedSinceLastPrediction) {
            validations++;
            trainedSinceLastPrediction = false;
        }
        if (script.trueClassProbability() == null) {
            return weights.predict(batch);
        }
        double[] values = script.trueClassProbability();
        float truth = (float) values[Math.min(Math.max(validations, 1), values.length) - 1];
        int k = spec.numClasses();
        float[][] out = new float[batch.size()][k];
        for (int i = 0; i < batch.size(); i++) {
            java.util.Arrays.fill(out[i], (1 - truth) / (k - 1));
            out[i][batch.labels()[i]] = truth;
        }
        return out;
    }

    @Override
    public void setLearningRate(double value) {
        learningRate = value;
    }

    @Override
    public byte[] exportWeights() {
        return weights.encode();
    }

    @Override
    public void importWeights(byte[] bytes) {
        weights = Weights.decode(bytes);
    }

    @Override
    public String weightsFormat() {
        return "fake-floats";
    }

    @Override
    public long trainableParameterCount() {
        return spec.architecture().trainableParameterCount(spec.numClasses());
    }

    @Override
    public Classifier toClassifier(ModelManifest manifest) {
        return new FakeClassifier(manifest, Weights.decode(weights.encode()));
    }

    @Override
    public void close() {
        // nothing native to free
    }

    static float[] features(Batch batch, int index) {
        int h = batch.height();
        int w = batch.width();
        int plane = h * w;
        int offset = index * batch.channels() * plane;
        float[] x = new float[GRID * GRID + 1];
        int[] counts = new int[GRID * GRID];
        for (int y = 0; y < h; y++) {
            for (int xx = 0; xx < w; xx++) {
                int cell = (y * GRID / h) * GRID + (xx * GRID / w);
                x[cell] += batch.images()[offset + y * w + xx];
                counts[cell]++;
            }
        }
        for (int c = 0; c < GRID * GRID; c++) {
            x[c] /= Math.max(1, counts[c]);
        }
        x[GRID * GRID] = 1;
        return x;
    }

    static int argMax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * What a test dictates instead of what the data gives.
     *
     * @param trueClassProbability per validation round, the probability given to each image's true class;
     *     {@code null} to predict with the weights
     * @param divergeAtStep the 1-based training step from which the loss is NaN; 0 for never
     */
    record Script(double[] trueClassProbability, int divergeAtStep) {
        static final Script NONE = new Script(null, 0);
    }

    /** Weight matrix [classes][features] with encode/decode. */
    static final class Weights {
        final int classes;
        final float[] values;

        Weights(int classes, float[] values) {
            this.classes = classes;
            this.values = values;
        }

        double[] probabilities(float[] x) {
            int f = x.length;
            double[] logits = new double[classes];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                double s = 0;
                for (int j = 0; j < f; j++) {
                    s += values[c * f + j] * x[j];
                }
                logits[c] = s;
                max = Math.max(max, s);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                logits[c] = Math.exp(logits[c] - max);
                sum += logits[c];
            }
            for (int c = 0; c < classes; c++) {
                logits[c] /= sum;
            }
            return logits;
        }

        float[][] predict(Batch batch) {
            float[][] out = new float[batch.size()][];
            for (int i = 0; i < batch.size(); i++) {
                double[] p = probabilities(features(batch, i));
                out[i] = new float[p.length];
                for (int c = 0; c < p.length; c++) {
                    out[i][c] = (float) p[c];
                }
            }
            return out;
        }

        byte[] encode() {
            ByteBuffer buffer = ByteBuffer.allocate(8 + values.length * 4);
            buffer.putInt(0xFA4E).putInt(classes);
            for (float v : values) {
                buffer.putFloat(v);
            }
            return buffer.array();
        }

        static Weights decode(byte[] bytes) {
            if (bytes.length < 8 || ByteBuffer.wrap(bytes).getInt() != 0xFA4E || (bytes.length - 8) % 4 != 0) {
                throw new ModelFormatException("fake weights are corrupt");
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            buffer.getInt();
            int classes = buffer.getInt();
            float[] values = new float[(bytes.length - 8) / 4];
            for (int i = 0; i < values.length; i++) {
                values[i] = buffer.getFloat();
            }
            return new Weights(classes, values);
        }
    }
}
