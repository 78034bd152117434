/**
 * Benchmarks people run by hand (never timed tests): preprocessing throughput, and engine training
 * throughput, inference latency and memory measured through the {@link org.covidxray.engine.Backend}
 * SPI, with a PyTorch reference script of the identical network beside them (src/main/python). Each
 * has a {@code main} that prints a table and a {@code run} method the {@code covid benchmark} command
 * calls. Depends on covid-core only.
 */
package org.covidxray.examples.bench;
