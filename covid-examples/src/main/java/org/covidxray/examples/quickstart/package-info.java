/**
 * The smallest complete use of the library from Java, as shown in the README; compiled with the
 * build so the documentation cannot drift from the API. Depends on covid-core only.
 */
package org.covidxray.examples.quickstart;
