/**
 * Test support published in covid-core's test-jar: locating the shared data, the fake backend,
 * and the engine-agnostic contract suite every engine module runs against itself.
 */
package org.covidxray.testing;
