/**
 * What every program of this module shares that is not an option: the exit codes, the user-error
 * exception, the handlers that turn exceptions into one line and an exit code, and the logging switch.
 * Depends on covid-core only; {@code cli}, {@code web}, {@code bench}, {@code experiments} and the root
 * command may all use it.
 */
package org.covidxray.examples.common;
