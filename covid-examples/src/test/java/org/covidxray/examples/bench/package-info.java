/**
 * Tests of the benchmark commands' option handling, and a cut-short run of the server benchmark (the
 * benchmarks' numbers are not tests).
 */
package org.covidxray.examples.bench;
