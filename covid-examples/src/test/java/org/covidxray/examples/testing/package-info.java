/** Test helpers of covid-examples: a tiny model trained on the fake backend, crafted image files. */
package org.covidxray.examples.testing;
