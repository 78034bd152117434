package org.covidxray.dl4j;

import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Work over the (image, channel) planes of NCHW float activations in Java, split into ranges of planes that run
 * on all cores (the caller's thread takes part): what this module's own pooling and batch-norm layers share, and
 * the convolution for the images of a group.
 */
final class Dl4jPlanes {
    private Dl4jPlanes() {
    }

    /** A range {@code [from, to)} of plane indices (image x channels + channel), or of other items. */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    /** Runs {@code work} over ranges that together cover the {@code planes} planes (or items) once. */
    static void forEach(int planes, Range work) {
        int parts = Math.min(planes, 4 * Runtime.getRuntime().availableProcessors());
        if (parts <= 1) {
            work.run(0, planes);
            return;
        }
        IntStream.range(0, parts).parallel().forEach(part ->
                work.run((int) ((long) planes * part / parts), (int) ((long) planes * (part + 1) / parts)));
    }

    /**
     * Whether {@code x} is a rank-4 float array that these passes can read through its buffer: row-major without
     * gaps, starting its buffer, within int indexing. ND4J's {@code Shape.hasDefaultStridesForShape} is not used:
     * it also compares the strides of dimensions of size 1, which do not matter, and says no to contiguous
     * [1, 1, h, w] arrays.
     */
    static boolean readable(INDArray x) {
        if (x == null || x.rank() != 4 || x.dataType() != DataType.FLOAT || x.offset() != 0
                || x.length() > Integer.MAX_VALUE) {
            return false;
        }
        long expected = 1;
        for (int d = x.rank() - 1; d >= 0; d--) {
            if (x.size(d) > 1 && x.stride(d) != expected) {
                return false;
            }
            expected *= x.size(d);
        }
        return true;
    }
}
