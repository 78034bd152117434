package org.covidxray.djl;

import ai.djl.ndarray.NDArray;

/**
 * The gradient-reversal layer of domain-adversarial training (Ganin and Lempitsky, 2015): the identity in
 * the forward pass, the gradient times {@code -factor} in the backward pass. Written with PyTorch's own
 * operators, no custom autograd function: {@code stopGradient(x) * (1 + factor) - x * factor} has the value
 * {@code x} and the gradient {@code -factor} with respect to {@code x} (the detached term has none).
 */
final class DjlGradientReversal {
    private DjlGradientReversal() {
    }

    /** {@code x} in value; its gradient reaches {@code x} multiplied by {@code -factor}. */
    static NDArray apply(NDArray x, float factor) {
        return x.stopGradient().mul(1f + factor).sub(x.mul(factor));
    }

    /**
     * The DANN ramp of the reversal factor over training progress {@code p} in [0, 1]:
     * {@code weight * (2 / (1 + exp(-10 p)) - 1)}, 0 at the start (the source head first learns to name the
     * sources) and close to {@code weight} from about a third of the run on.
     */
    static float ramp(double weight, double progress) {
        double p = Math.min(1, Math.max(0, progress));
        return (float) (weight * (2 / (1 + Math.exp(-10 * p)) - 1));
    }
}
