/** Tests of covid-core's layering on its compiled classes (ArchUnit); nothing here is shipped. */
package org.covidxray.architecture;
