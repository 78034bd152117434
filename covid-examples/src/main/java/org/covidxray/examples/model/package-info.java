/**
 * What the command line and the web page share about a model: the model bundled in the jar
 * ({@link org.covidxray.examples.model.BundledModel}), the decision rule that turns probabilities into a
 * class ({@link org.covidxray.examples.model.DecisionRule}) and the disclaimer every reader sees.
 * Depends on covid-core only; the {@code cli} and {@code web} packages depend on it.
 */
package org.covidxray.examples.model;
