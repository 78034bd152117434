/** Tests of the shared options: one declaration each, and the defaults each command gives them. */
package org.covidxray.examples.options;
