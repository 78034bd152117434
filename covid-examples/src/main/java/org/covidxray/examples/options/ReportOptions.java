package org.covidxray.examples.options;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --report}: the folder a command writes its report into (HTML, charts, metrics.json). Each
 * command has its own idea of where that is when the option is absent, so the option has no default
 * and the command passes its own to {@link #orElse}.
 */
public final class ReportOptions {
    @Option(names = "--report", paramLabel = "DIR",
            description = "Report folder: HTML report, charts, metrics.json (default: evaluate: evaluation-report; "
                    + "train: beside --out, named <out>-report; metrics: none).")
    private Path report;

    /** The folder given, if any. */
    public Optional<Path> given() {
        return Optional.ofNullable(report);
    }

    /** The folder given, or the command's own default. */
    public Path orElse(Path commandDefault) {
        return report == null ? commandDefault : report;
    }
}
