/**
 * Benchmarks people run by hand (never timed tests) and their command, {@code covid benchmark}:
 * preprocessing throughput, and engine training throughput, inference latency and memory measured
 * through the {@link org.covidxray.engine.Backend} SPI, with a PyTorch reference script of the identical
 * network beside them (src/main/python). The engine benchmark hands its numbers back as a typed JSON
 * result ({@link org.covidxray.examples.common.EngineBenchmarkResult}). {@link ServerBenchmark} abuses a
 * {@code covid serve} in a JVM of its own on loopback (overload, idle and trickling clients, memory over
 * a long run). Depends on covid-core and the shared packages only.
 */
package org.covidxray.examples.bench;
