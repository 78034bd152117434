package org.covidxray.examples.common;

/** The process exit codes of the {@code covid} command. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int USER_ERROR = 2;
    /** A benchmark ran but its numbers do not count (e.g. another process competed for the cores). */
    public static final int NOT_A_RESULT = 3;
    /** 128 + SIGINT, as shells report a Ctrl-C. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
