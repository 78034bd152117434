/**
 * Trained models: the {@link org.covidxray.model.Classifier} contract every engine implements,
 * immutable {@link org.covidxray.model.Prediction}s, and the model bundle (a zip with a JSON
 * {@link org.covidxray.model.ModelManifest} and the engine's weights) written atomically by
 * {@link org.covidxray.model.ModelBundle}.
 */
package org.covidxray.model;
