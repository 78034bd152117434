package org.covidxray.testing;

import org.covidxray.image.ImageTensor;
import org.covidxray.model.Architecture;
import org.covidxray.model.NamedTensor;
import org.covidxray.model.NetworkParameters;

/**
 * The forward pass of an {@link Architecture} written out in plain Java (double precision) from
 * {@link NetworkParameters}: what the PyTorch naming and layouts mean, independently of any engine and of
 * PyTorch. If an engine hands over a kernel transposed or a log variance, its probabilities differ.
 */
public final class ReferenceNetwork {
    private ReferenceNetwork() {
    }

    /** Softmax probabilities for one preprocessed image [channels, size, size]. */
    public static double[] probabilities(NetworkParameters parameters, ImageTensor image) {
        Architecture a = parameters.architecture();
        int size = image.height();
        double[][][] x = new double[image.channels()][size][size];
        float[] data = image.data();
        for (int c = 0; c < image.channels(); c++) {
            for (int y = 0; y < size; y++) {
                for (int i = 0; i < size; i++) {
                    x[c][y][i] = data[(c * size + y) * size + i];
                }
            }
        }
        for (int b = 0; b < a.widths().size(); b++) {
            for (int j = 1; j <= (a.doubleConv() ? 2 : 1); j++) {
                x = conv3x3(x, tensor(parameters, "blocks." + b + ".conv" + j + ".weight"));
                x = batchNormRelu(x, parameters, "blocks." + b + ".bn" + j);
            }
            x = maxPool2(x);
        }
        double[] pooled = new double[x.length];
        for (int c = 0; c < x.length; c++) {
            double sum = 0;
            for (double[] row : x[c]) {
                for (double v : row) {
                    sum += v;
                }
            }
            pooled[c] = sum / (x[c].length * x[c][0].length);
        }
        NamedTensor w = tensor(parameters, "classifier.weight");
        NamedTensor bias = tensor(parameters, "classifier.bias");
        int classes = w.shape()[0];
        double[] logits = new double[classes];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            double z = bias.value(k);
            for (int c = 0; c < pooled.length; c++) {
                z += w.value(k * pooled.length + c) * pooled[c];
            }
            logits[k] = z;
            max = Math.max(max, z);
        }
        double total = 0;
        for (int k = 0; k < classes; k++) {
            logits[k] = Math.exp(logits[k] - max);
            total += logits[k];
        }
        for (int k = 0; k < classes; k++) {
            logits[k] /= total;
        }
        return logits;
    }

    private static NamedTensor tensor(NetworkParameters parameters, String name) {
        return parameters.get(name).orElseThrow(() -> new AssertionError("no parameter " + name));
    }

    /** 3x3, stride 1, zero padding 1, no bias; kernel [out, in, 3, 3]. */
    private static double[][][] conv3x3(double[][][] x, NamedTensor kernel) {
        int out = kernel.shape()[0];
        int in = kernel.shape()[1];
        int h = x[0].length;
        int w = x[0][0].length;
        double[][][] y = new double[out][h][w];
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < in; c++) {
                for (int ky = 0; ky < 3; ky++) {
                    for (int kx = 0; kx < 3; kx++) {
                        double k = kernel.value(((o * in + c) * 3 + ky) * 3 + kx);
                        for (int r = 0; r < h; r++) {
                            int sr = r + ky - 1;
                            if (sr < 0 || sr >= h) {
                                continue;
                            }
                            for (int s = 0; s < w; s++) {
                                int ss = s + kx - 1;
                                if (ss >= 0 && ss < w) {
                                    y[o][r][s] += k * x[c][sr][ss];
                                }
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    private static double[][][] batchNormRelu(double[][][] x, NetworkParameters parameters, String prefix) {
        NamedTensor gamma = tensor(parameters, prefix + ".weight");
        NamedTensor beta = tensor(parameters, prefix + ".bias");
        NamedTensor mean = tensor(parameters, prefix + ".running_mean");
        NamedTensor var = tensor(parameters, prefix + ".running_var");
        for (int c = 0; c < x.length; c++) {
            double scale = gamma.value(c) / Math.sqrt(var.value(c) + NetworkParameters.BATCH_NORM_EPSILON);
            for (double[] row : x[c]) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = Math.max(0, (row[i] - mean.value(c)) * scale + beta.value(c));
                }
            }
        }
        return x;
    }

    private static double[][][] maxPool2(double[][][] x) {
        int h = x[0].length / 2;
        int w = x[0][0].length / 2;
        double[][][] y = new double[x.length][h][w];
        for (int c = 0; c < x.length; c++) {
            for (int r = 0; r < h; r++) {
                for (int s = 0; s < w; s++) {
                    y[c][r][s] = Math.max(Math.max(x[c][2 * r][2 * s], x[c][2 * r][2 * s + 1]),
                            Math.max(x[c][2 * r + 1][2 * s], x[c][2 * r + 1][2 * s + 1]));
                }
            }
        }
        return y;
    }
}
