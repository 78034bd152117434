package org.covidxray.dl4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * The {@value #FORMAT} weights format: DL4J's own {@link ModelSerializer} zip (network configuration JSON
 * plus the flat parameter vector, batch-norm running statistics included), without optimiser state.
 */
final class Dl4jWeights {
    static final String FORMAT = "dl4j-modelserializer";

    private Dl4jWeights() {
    }

    static byte[] write(MultiLayerNetwork network) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(network, out, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not serialise the DL4J network", e);
        }
        return out.toByteArray();
    }

    /** Restores a network; throws {@link IOException} or a runtime exception on bytes that are not one. */
    static MultiLayerNetwork read(byte[] bytes) throws IOException {
        return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), false);
    }
}
