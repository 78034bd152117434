package org.covidxray.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The inputs and outputs an ONNX file declares (names and shapes, -1 for a dynamic dimension), read from
 * ONNX Runtime's own session metadata: DJL's block does not expose the shapes. Used at load time only, to
 * compare the model with its sidecar before any image reaches it.
 *
 * @param inputs the declared inputs
 * @param outputs the declared outputs
 */
record OnnxModelInfo(List<Node> inputs, List<Node> outputs) {

    /**
     * One declared tensor.
     *
     * @param name its name in the graph
     * @param shape its dimensions, -1 where dynamic; empty when it is not a tensor
     */
    record Node(String name, long[] shape) {
        String describe() {
            StringBuilder text = new StringBuilder(name).append(" [");
            for (int d = 0; d < shape.length; d++) {
                text.append(d == 0 ? "" : ", ").append(shape[d] < 0 ? "N" : Long.toString(shape[d]));
            }
            return text.append(']').toString();
        }
    }

    /** Reads the declarations of an ONNX model (a short-lived session; nothing is run). */
    static OnnxModelInfo read(byte[] onnx) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(onnx, options)) {
            return new OnnxModelInfo(nodes(session.getInputInfo()), nodes(session.getOutputInfo()));
        }
    }

    private static List<Node> nodes(Map<String, NodeInfo> info) {
        List<Node> nodes = new ArrayList<>();
        info.forEach((name, node) -> nodes.add(new Node(name,
                node.getInfo() instanceof TensorInfo t ? t.getShape() : new long[0])));
        return nodes;
    }
}
