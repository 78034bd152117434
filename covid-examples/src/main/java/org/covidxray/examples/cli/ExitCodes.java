package org.covidxray.examples.cli;

/** The process exit codes of the {@code covid} command. */
final class ExitCodes {
    static final int OK = 0;
    static final int INTERNAL_ERROR = 1;
    static final int USER_ERROR = 2;
    /** 128 + SIGINT, as shells report a Ctrl-C. */
    static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
