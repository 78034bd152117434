/**
 * The engine SPI: {@link org.covidxray.engine.Backend} (implemented by covid-djl and covid-dl4j and
 * found with {@link java.util.ServiceLoader}), the {@link org.covidxray.engine.Backends} registry,
 * {@link org.covidxray.engine.ModelImporter}s for model files that are not bundles (an ONNX file), the
 * engine-neutral {@link org.covidxray.model.Architecture} and the small types engines exchange with
 * the core training loop, and device selection: an engine's {@link org.covidxray.engine.DeviceProbe}
 * says whether a GPU is usable and why not, and {@link org.covidxray.engine.DeviceSelector} turns that
 * and a {@link org.covidxray.engine.DeviceRequest} into a device (the CPU, with one line, when the GPU is
 * absent or unusable). Nothing here depends on an engine.
 */
package org.covidxray.engine;
