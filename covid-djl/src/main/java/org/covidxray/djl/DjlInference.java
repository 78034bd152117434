package org.covidxray.djl;

import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * Runs inference with PyTorch's autograd off on the calling thread (grad mode is thread-local in
 * PyTorch), so that a forward pass records no graph: less memory and time, whether or not the
 * parameters require gradients. The previous mode is restored afterwards.
 */
final class DjlInference {
    private DjlInference() {
    }

    static <T> T withoutGradients(Supplier<T> work) {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return work.get();
        } finally {
            JniUtils.setGradMode(previous);
        }
    }
}
