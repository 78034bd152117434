package org.covidxray.spark;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.covidxray.batch.BatchException;

/**
 * The lines of one part of a CSV image list as input rows ({@link SparkInputs#COLUMNS}, content null): the
 * header, the file's first line, is dropped from part 0; blank lines are skipped; an empty cell is null.
 * Lines keep the file's order, so the output of a list run is in list order, as {@code covid predict}'s.
 * One image per line: a quoted path spanning lines is refused.
 */
final class CsvListRows implements Function2<Integer, Iterator<String>, Iterator<Row>> {
    private static final long serialVersionUID = 1L;
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true)
            .setTrim(true).get();

    private final String list;
    private final int path;
    private final int label;
    private final int patient;

    /**
     * @param list the list's name, for messages
     * @param columns the header's column names, in file order; must contain {@code path}
     */
    CsvListRows(String list, List<String> columns) {
        this.list = list;
        this.path = columns.indexOf(org.covidxray.batch.ImageListing.PATH);
        this.label = columns.indexOf(org.covidxray.batch.ImageListing.LABEL);
        this.patient = columns.indexOf(org.covidxray.batch.ImageListing.PATIENT);
        if (path < 0) {
            throw new IllegalArgumentException("no path column in " + columns);
        }
    }

    @Override
    public Iterator<Row> call(Integer part, Iterator<String> lines) {
        if (part == 0 && lines.hasNext()) {
            lines.next(); // the header
        }
        List<Row> rows = new ArrayList<>();
        while (lines.hasNext()) {
            String line = lines.next();
            if (!line.isBlank()) {
                rows.add(row(line));
            }
        }
        return rows.iterator();
    }

    Row row(String line) {
        List<CSVRecord> records;
        try (CSVParser parser = FORMAT.parse(new StringReader(line))) {
            records = parser.getRecords();
        } catch (IOException | RuntimeException e) {
            throw new BatchException("Image list " + list + ": line '" + line + "' is not a CSV row with one image ("
                    + e.getMessage() + "). Give one image per line; a path may not span lines.", e);
        }
        CSVRecord r = records.get(0);
        return RowFactory.create(cell(r, path), cell(r, label), cell(r, patient), null);
    }

    private static String cell(CSVRecord r, int index) {
        if (index < 0 || index >= r.size()) {
            return null;
        }
        String value = r.get(index);
        return value.isEmpty() ? null : value;
    }
}
