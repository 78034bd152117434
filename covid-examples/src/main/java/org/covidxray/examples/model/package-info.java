/**
 * What the command line and the web page share about a model: the model bundled in the jar
 * ({@link org.covidxray.examples.model.BundledModel}), the occlusion explainer both draw saliency with,
 * and the disclaimer every reader sees. Depends on covid-core only; every program may depend on it.
 */
package org.covidxray.examples.model;
