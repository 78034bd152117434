/** Tests of the benchmark commands' option handling (the benchmarks themselves are not tests). */
package org.covidxray.examples.bench;
