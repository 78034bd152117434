/**
 * Tests of the DL4J engine: the core contract suite, the exact architecture, training on real X-rays,
 * bundles and concurrency; plus {@code Dl4jSpeedProbe}, a benchmark main that is not a test.
 */
package org.covidxray.dl4j;
