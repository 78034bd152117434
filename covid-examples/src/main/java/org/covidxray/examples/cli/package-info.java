/**
 * The {@code covid} subcommands that work on data and models: train, evaluate, predict, explain, metrics,
 * export and info. Commands only parse options (the shared mixins of {@code options}), call covid-core and
 * print; they find engines through the {@link org.covidxray.engine.Backends} registry. Nothing but the
 * root command depends on this package; it imports neither {@code web}, {@code bench} nor
 * {@code experiments}.
 */
package org.covidxray.examples.cli;
