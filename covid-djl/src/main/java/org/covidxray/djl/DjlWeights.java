package org.covidxray.djl;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Weights in DJL's own parameter format ({@code Block.saveParameters}): every parameter including the
 * batch-norm running statistics, with names and shapes.
 */
final class DjlWeights {
    /** The name of this format in bundle manifests. */
    static final String FORMAT = "djl-params";

    private DjlWeights() {
    }

    static byte[] export(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not serialise DJL parameters", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Replaces the block's parameter values with {@code weights}; the previous arrays are closed.
     *
     * @throws MalformedModelException when the bytes are not DJL parameters of this block
     */
    static void load(Block block, NDManager manager, byte[] weights) throws MalformedModelException, IOException {
        List<NDArray> previous = new ArrayList<>();
        for (Parameter p : block.getParameters().values()) {
            if (p.isInitialized()) {
                previous.add(p.getArray());
            }
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(weights))) {
            block.loadParameters(manager, in);
            if (in.read() != -1) {
                throw new MalformedModelException("the weights have trailing bytes after the last parameter");
            }
        } catch (RuntimeException e) {
            throw new MalformedModelException("the weights could not be decoded: " + e.getMessage(), e);
        }
        for (NDArray array : previous) {
            array.close();
        }
    }
}
