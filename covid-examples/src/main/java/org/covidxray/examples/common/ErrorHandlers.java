package org.covidxray.examples.common;

import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.covidxray.CovidXrayException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Turns exceptions into one line on standard error: what is wrong and what to do. Stack traces only with
 * {@code --verbose}. A user's mistake exits with 2, a bug with 1.
 */
public final class ErrorHandlers {
    private ErrorHandlers() {
    }

    /** Bad or missing options and parameters. */
    public static final class BadParameters implements IParameterExceptionHandler {
        private final boolean verbose;

        public BadParameters(boolean verbose) {
            this.verbose = verbose;
        }

        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            String name = cmd.getCommandSpec().qualifiedName();
            err.println(name + ": " + oneLine(ex.getMessage()) + " (see '" + name + " --help')");
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.USER_ERROR;
        }
    }

    /** Exceptions thrown while a command runs. */
    public static final class Failures implements IExecutionExceptionHandler {
        private final boolean verbose;

        public Failures(boolean verbose) {
            this.verbose = verbose;
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
            PrintWriter err = cmd.getErr();
            String name = cmd.getCommandSpec().qualifiedName();
            int code;
            if (isUserError(ex)) {
                err.println(name + ": " + userMessage(ex));
                code = ExitCodes.USER_ERROR;
            } else {
                err.println(name + ": internal error: " + oneLine(String.valueOf(ex))
                        + (verbose ? "" : " (run again with --verbose for the stack trace)"));
                code = ExitCodes.INTERNAL_ERROR;
            }
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return code;
        }
    }

    /** Mistakes a user can fix: our own exceptions, missing or unreadable files, invalid settings. */
    public static boolean isUserError(Throwable ex) {
        Throwable t = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
        return t instanceof CovidXrayException || t instanceof NoSuchFileException
                || t instanceof FileNotFoundException || t instanceof AccessDeniedException
                || t instanceof IllegalArgumentException || t instanceof UserException;
    }

    public static String userMessage(Throwable ex) {
        Throwable t = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
        if (t instanceof NoSuchFileException e) {
            return "file not found: " + e.getFile();
        }
        if (t instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        String message = t.getMessage();
        return oneLine(message == null ? t.getClass().getSimpleName() : message);
    }

    /** Messages of wrapped exceptions can span lines; the terminal gets one. */
    public static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
