/**
 * The Deeplearning4j / ND4J engine: builds the core {@link org.covidxray.model.Architecture} as a DL4J
 * network, trains it step by step for the core training loop, and loads and serves {@code dl4j} model
 * bundles. Only this module touches DL4J or ND4J; nothing else may depend on these classes directly
 * (they are found through {@link java.util.ServiceLoader} as an {@link org.covidxray.engine.Backend}).
 */
package org.covidxray.dl4j;
