/**
 * The DJL engine: {@link org.covidxray.djl.DjlBackend} builds the core
 * {@link org.covidxray.model.Architecture} with Deep Java Library on PyTorch, trains it for the core
 * training loop, loads and serves model bundles and imports TorchScript classifiers. Only this module
 * touches DJL; nothing in the project may depend on these classes except through the
 * {@link org.covidxray.engine.Backend} SPI.
 */
package org.covidxray.djl;
