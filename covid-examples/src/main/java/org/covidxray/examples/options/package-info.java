/**
 * Every command-line option that more than one program takes, declared once as a picocli mixin
 * (engine, split, seed, training, data, model, report, engine benchmark). A command that needs another
 * default than the shared one says so with a {@link org.covidxray.examples.options.CommandDefaults}
 * provider instead of declaring the option again; mixins are read through getters and never written.
 * Depends on covid-core, {@code common} and {@code model}; every program may use it.
 */
package org.covidxray.examples.options;
