package org.covidxray.report;

import java.nio.file.Path;
import java.util.List;

/**
 * The files a {@link ReportWriter} wrote.
 *
 * @param html the self-contained report page
 * @param json the machine-readable results
 * @param charts the PNG charts, in the order the page shows them
 */
public record WrittenReport(Path html, Path json, List<Path> charts) {

    public WrittenReport {
        charts = List.copyOf(charts);
    }
}
