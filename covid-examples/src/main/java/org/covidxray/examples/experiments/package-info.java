/**
 * The {@code covid experiment} commands: one command per published experiment (the original project's,
 * Kermany's protocol, the three-class COVID-19 set-up with its shortcut checks, the engine comparison),
 * each writing a report folder with its data provenance, exact command and confidence intervals.
 * Engines are reached only through {@link org.covidxray.engine.Backends}, benchmarks only as child JVMs
 * that hand back JSON; depends on covid-core and the shared packages, and only the root command
 * depends on it.
 */
package org.covidxray.examples.experiments;
