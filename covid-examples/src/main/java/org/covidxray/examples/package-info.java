/**
 * The {@code covid} command itself: it only wires the subcommands of {@code cli}, {@code web},
 * {@code bench} and {@code experiments}, which do not know each other. Nothing depends on this package.
 */
package org.covidxray.examples;
