/**
 * Benchmarks people run by hand (never timed tests): each has a {@code main} that prints a table and
 * a {@code run} method the {@code covid benchmark} command can call. Depends on covid-core only.
 */
package org.covidxray.examples.bench;
