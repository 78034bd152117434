package org.covidxray.engine;

/**
 * What one optimisation step reports.
 *
 * @param loss mean (class-weighted) loss of the batch, computed before the update
 * @param correct images of the batch whose arg-max output (training mode) matched the label
 */
public record StepResult(double loss, int correct) {
}
