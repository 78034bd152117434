package org.covidxray.model;

import java.util.List;
import java.util.Objects;

/**
 * An engine-neutral description of the network, so that every engine builds exactly the same one.
 *
 * <p>Layers, in order: for each width {@code w} in {@link #widths()}: conv 3x3 (stride 1, padding 1,
 * no bias) to {@code w} channels, batch norm (eps 1e-5, momentum 0.1 as in PyTorch), ReLU,
 * [when {@link #doubleConv()}: conv 3x3 w to w, batch norm, ReLU], max-pool 2x2 stride 2 (floor).
 * Then global average pooling, dropout with probability {@link #dropout()} and a dense layer (with
 * bias) to the classes, followed by softmax. Weights are initialised with He (Kaiming) normal for
 * convolutions and Xavier uniform for the dense layer.
 *
 * <p>Engines may run a block's last ReLU after its max-pool instead of before: relu(maxpool(x)) =
 * maxpool(relu(x)) because ReLU is monotonic, gradients included (up to ties of equal values), and the
 * ReLU then runs over a tensor a quarter the size. Both engines do so in training and inference.
 *
 * @param name a short name for reports
 * @param inputSize side of the square input in pixels
 * @param channels input channels (1 for gray)
 * @param widths output channels of each block
 * @param doubleConv two convolutions per block instead of one
 * @param dropout dropout probability before the dense layer, in [0, 1)
 */
public record Architecture(String name, int inputSize, int channels, List<Integer> widths,
                           boolean doubleConv, double dropout) {

    public Architecture {
        Objects.requireNonNull(name, "name");
        widths = List.copyOf(widths);
        if (widths.isEmpty()) {
            throw new IllegalArgumentException("an architecture needs at least one block");
        }
        if (widths.stream().anyMatch(w -> w < 1)) {
            throw new IllegalArgumentException("block widths must be positive: " + widths);
        }
        if (channels < 1 || inputSize < (1 << widths.size())) {
            throw new IllegalArgumentException("input " + channels + "x" + inputSize + "x" + inputSize
                    + " is too small for " + widths.size() + " pooling blocks");
        }
        if (dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("dropout must be in [0, 1), was " + dropout);
        }
    }

    /** The default 4-block CNN (16, 32, 64, 128 channels, one conv per block, dropout 0.3). */
    public static Architecture defaultCnn(int inputSize) {
        return new Architecture("cnn4", inputSize, 1, List.of(16, 32, 64, 128), false, 0.3);
    }

    /** A wider, deeper VGG-style variant (two convs per block). */
    public static Architecture vggSmall(int inputSize) {
        return new Architecture("vgg5", inputSize, 1, List.of(16, 32, 64, 128, 256), true, 0.3);
    }

    /** Looks up a named preset: {@code cnn4} or {@code vgg5}. */
    public static Architecture preset(String preset, int inputSize) {
        return switch (preset) {
            case "cnn4" -> defaultCnn(inputSize);
            case "vgg5" -> vggSmall(inputSize);
            default -> throw new IllegalArgumentException("Unknown architecture '" + preset + "': use cnn4 or vgg5");
        };
    }

    public Architecture withInputSize(int size) {
        return new Architecture(name, size, channels, widths, doubleConv, dropout);
    }

    /**
     * Trainable parameters for {@code numClasses} outputs: conv kernels (no bias), batch-norm scale
     * and shift, dense weights and bias. Batch-norm running statistics are not trainable.
     */
    public long trainableParameterCount(int numClasses) {
        long count = 0;
        int in = channels;
        for (int w : widths) {
            count += 9L * in * w + 2L * w;
            if (doubleConv) {
                count += 9L * w * w + 2L * w;
            }
            in = w;
        }
        return count + (long) in * numClasses + numClasses;
    }

    /** Spatial size after the pooling blocks (floor division at each block). */
    public int finalFeatureSize() {
        int size = inputSize;
        for (int i = 0; i < widths.size(); i++) {
            size /= 2;
        }
        return size;
    }
}
