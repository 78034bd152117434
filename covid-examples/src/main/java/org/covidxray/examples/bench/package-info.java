/**
 * Benchmarks that measure any engine through the {@link org.covidxray.engine.Backend} SPI (training
 * throughput, inference latency, memory), with a PyTorch reference script of the identical network
 * beside them (src/main/python). Nothing depends on this package.
 */
package org.covidxray.examples.bench;
