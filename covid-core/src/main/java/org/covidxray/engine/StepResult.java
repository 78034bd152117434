package org.covidxray.engine;

/**
 * What one optimisation step reports.
 *
 * @param loss mean (class-weighted) class loss of the batch, computed before the update
 * @param correct images of the batch whose arg-max output (training mode) matched the label
 * @param sourceLoss the source-adversarial head's mean cross entropy of the batch (its own loss, which it
 *     lowers while the features, through the gradient reversal, raise it), or NaN when the step trained
 *     no such head
 */
public record StepResult(double loss, int correct, double sourceLoss) {

    /** A step without a source-adversarial head. */
    public StepResult(double loss, int correct) {
        this(loss, correct, Double.NaN);
    }

    /** Whether the step trained a source-adversarial head. */
    public boolean hasSourceLoss() {
        return !Double.isNaN(sourceLoss);
    }
}
