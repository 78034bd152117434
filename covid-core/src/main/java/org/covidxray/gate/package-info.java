/**
 * The input gate: checks that run before a person is shown a prediction. {@link org.covidxray.gate.InputGate}
 * refuses what is not a chest radiograph a model can judge (tiny, extremely elongated, colour or blank
 * images); {@link org.covidxray.gate.FeatureCalibration} and {@link org.covidxray.gate.DistributionCheck}
 * flag, without refusing, images whose network features lie far from the model's validation images.
 * Engine-free: depends on {@code image} and {@code model} only; the CLI and the web server call it.
 */
package org.covidxray.gate;
