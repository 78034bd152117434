/**
 * The {@code covid} command line (picocli): train, evaluate, predict, explain, metrics, serve, benchmark
 * and info. Commands only parse options, call covid-core and print; they find engines through the
 * {@link org.covidxray.engine.Backends} registry. Nothing else depends on this package.
 */
package org.covidxray.examples.cli;
