package org.covidxray.examples.common;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** The command's logging switches (Logback is the binding this module ships with). */
public final class Logging {
    private Logging() {
    }

    /** Debug logging for this library, info for everything else. */
    public static void verbose() {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.INFO);
        }
        if (LoggerFactory.getLogger("org.covidxray") instanceof Logger ours) {
            ours.setLevel(Level.DEBUG);
        }
    }
}
