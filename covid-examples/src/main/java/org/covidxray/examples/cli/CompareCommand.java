package org.covidxray.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.covidxray.batch.BatchComparison;
import org.covidxray.batch.BatchCsv;
import org.covidxray.examples.common.ExitCodes;
import org.covidxray.examples.common.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code covid compare}: whether two prediction files of {@code covid predict --out} or {@code covid batch}
 * agree image for image (matched by path): e.g. a cluster run against a single process, or one engine or
 * release against another.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compares two prediction CSV files (covid predict --out, covid batch --out) image for image: "
                + "the same paths, the same outcome (class, input-gate verdict, failure) and every class "
                + "probability within the tolerance. Exit code 0 when they agree, "
                + CompareCommand.DIFFERENT + " when they do not."})
public final class CompareCommand implements Callable<Integer> {
    /** Exit code when the files differ. */
    public static final int DIFFERENT = 3;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FIRST.csv", description = "The first prediction file.")
    Path first;

    @Parameters(index = "1", paramLabel = "SECOND.csv", description = "The second prediction file.")
    Path second;

    @Option(names = "--tolerance", defaultValue = "1e-6", paramLabel = "P",
            description = "Largest allowed difference of one class probability (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Override
    public Integer call() {
        if (!(tolerance >= 0)) {
            throw new UserException("--tolerance must be 0 or more, was " + tolerance + ".");
        }
        BatchComparison comparison = BatchComparison.of(BatchCsv.read(first), BatchCsv.read(second));
        boolean same = comparison.agrees(tolerance);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Compared " + first + " with " + second + ": " + comparison.describe()
                + (same ? " Identical within " : " NOT identical within ") + tolerance + ".");
        out.flush();
        return same ? ExitCodes.OK : DIFFERENT;
    }
}
