package org.covidxray.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.covidxray.image.ImageFormats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a metadata CSV (Cohen's or a COVID-Net source's) into samples: filters rows by finding,
 * modality and view, maps findings to classes, resolves and checks the image files. Rows filtered out
 * are counted and logged; bad rows go through {@link BadRows}; a second row for an image file already
 * listed is recorded as skipped, because one file under two patients would defeat patient-disjoint
 * splits (Cohen's June 2020 data lists two Legionella images under patients 287 and 340).
 */
final class CsvMetadataLoader {
    static final String DEFAULT_CSV = "metadata.csv";
    private static final Logger LOG = LoggerFactory.getLogger(CsvMetadataLoader.class);
    private static final Set<String> DEFAULT_MODALITIES = Set.of("x-ray");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setAllowMissingColumnNames(true).setTrim(true)
            .setIgnoreEmptyLines(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_EMPTY).get();

    private final CsvSchema schema;
    private final DatasetOptions options;
    private final ClassMapping mapping;
    private final String name;
    private final String source;
    private final String patientPrefix;
    private final BadRows badRows;
    private final Map<String, Integer> excluded = new TreeMap<>();
    private final Map<Path, String> seenFiles = new HashMap<>();
    private Map<String, String> columns;

    private CsvMetadataLoader(CsvSchema schema, DatasetOptions options, ClassMapping defaultMapping) {
        this.schema = schema;
        this.options = options;
        this.mapping = options.classMapping().orElse(defaultMapping);
        this.name = LoadedSamples.name(options, schema.source() == null ? "csv" : schema.source());
        // A named Cohen copy (e.g. the July 2020 additions) reports as its own source, but its patients
        // keep the schema's prefix: Cohen's sets share one patient-id space, so ids stay comparable.
        this.source = schema.source() == null ? name : options.name().orElse(schema.source());
        this.patientPrefix = schema.source() == null ? name : schema.source();
        this.badRows = new BadRows(name, options.skipBadRows());
    }

    static Dataset load(CsvSchema schema, DatasetOptions options, ClassMapping defaultMapping) {
        return new CsvMetadataLoader(schema, options, defaultMapping).load();
    }

    private Dataset load() {
        Path root = options.root();
        LoadedSamples.requireFolder(root, "Data set folder", schema.whereToGet());
        Path csv = options.csvFile().orElse(root.resolve(DEFAULT_CSV));
        if (!Files.isRegularFile(csv)) {
            throw new DatasetException("Metadata CSV " + csv.toAbsolutePath() + " not found. " + schema.whereToGet()
                    + ", or name the CSV file with optCsvFile");
        }
        List<Sample> samples = new ArrayList<>();
        int rows = 0;
        try (Reader reader = openUtf8(csv); CSVParser parser = FORMAT.parse(reader)) {
            columns = checkColumns(parser.getHeaderNames(), csv);
            for (CSVRecord record : parser) {
                rows++;
                String location = csv.getFileName() + " row " + rows + " (line " + record.getParser().getCurrentLineNumber()
                        + ")";
                readRow(record, location).ifPresent(samples::add);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            throw new DatasetException("Cannot read metadata CSV " + csv.toAbsolutePath() + ": " + e.getMessage()
                    + ". Check that it is a comma-separated UTF-8 file with one header row", e);
        }
        LOG.info("Data set '{}': {} of {} rows of {} kept; left out by filters or class mapping: {}",
                name, samples.size(), rows, csv.getFileName(), excluded.isEmpty() ? "none" : excluded);
        return LoadedSamples.finish(name, samples, badRows, options);
    }

    private Optional<Sample> readRow(CSVRecord record, String location) {
        if (record.size() < columns.size() && !allRequiredSet(record)) {
            badRows.report(location, "has " + record.size() + " fields but the header has more",
                    "Fix the row's quoting or delete it");
            return Optional.empty();
        }
        String finding = value(record, schema.findingColumn());
        String modality = value(record, schema.modalityColumn());
        String view = value(record, schema.viewColumn());
        if (!DatasetOptions.accepts(options.findings(), finding)) {
            return exclude("finding '" + finding + "' not selected");
        }
        if (columns.containsKey(key(schema.modalityColumn()))) {
            Set<String> modalities = options.modalities().isEmpty() ? DEFAULT_MODALITIES : options.modalities();
            if (!DatasetOptions.accepts(modalities, modality)) {
                return exclude("modality '" + modality + "'");
            }
        }
        if (!DatasetOptions.accepts(options.views(), view)) {
            return exclude("view '" + view + "'");
        }
        Optional<String> label = mapping.apply(finding);
        if (label.isEmpty() && !mapping.keepsUnlabelled(finding)) {
            return exclude("finding '" + finding + "' (class mapping)");
        }
        String imageName = value(record, schema.imageColumn());
        if (imageName.isEmpty()) {
            badRows.report(location, "column '" + schema.imageColumn() + "' is empty",
                    "Fill in the image file name or delete the row");
            return Optional.empty();
        }
        Path file = resolveImage(record, imageName);
        if (!Files.isRegularFile(file)) {
            badRows.report(location, "image file " + file + " (column '" + schema.imageColumn() + "' = '" + imageName
                    + "') does not exist", "Put the image there, point optImageDir at the image folder, or delete "
                    + "the row. " + schema.whereToGet());
            return Optional.empty();
        }
        String patient = value(record, schema.patientColumn());
        Path key = file.toAbsolutePath().normalize();
        String previous = seenFiles.putIfAbsent(key, location + " (patient " + patient + ")");
        if (previous != null) {
            badRows.record(location, "lists image file " + imageName + " (patient " + patient + ") that "
                    + previous + " already lists; it is loaded once so it cannot fall into two parts of a split");
            return Optional.empty();
        }
        if (!badRows.imageOk(file, location, options)) {
            return Optional.empty();
        }
        if (view.isEmpty()) {
            // the CSV's view wins; a DICOM file's own View Position fills a blank one
            Optional<String> headerView = badRows.headerView(file, location);
            if (headerView.isEmpty()) {
                return Optional.empty();
            }
            view = headerView.get();
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(Sample.SOURCE, source);
        attributes.put(Sample.FINDING, finding);
        attributes.put(Sample.VIEW, view);
        attributes.put("modality", modality);
        Path root = options.root().toAbsolutePath().normalize();
        String id = key.startsWith(root) ? ImageFiles.relative(root, key) : imageName;
        String patientId = patientPrefix + ":" + (patient.isEmpty() ? id : patient);
        return Optional.of(new Sample(id, file, label.orElse(null), patientId, attributes));
    }

    private Optional<Sample> exclude(String reason) {
        excluded.merge(reason, 1, Integer::sum);
        return Optional.empty();
    }

    private Path resolveImage(CSVRecord record, String imageName) {
        Path folder;
        String folderValue = schema.folderColumn() == null ? "" : value(record, schema.folderColumn());
        if (options.imageDir().isPresent()) {
            folder = options.imageDir().get();
        } else if (!folderValue.isEmpty()) {
            folder = options.root().resolve(folderValue);
        } else {
            Path images = options.root().resolve(schema.defaultImageFolder());
            folder = Files.isDirectory(images) ? images : options.root();
        }
        Path file = folder.resolve(imageName);
        if (!Files.exists(file) && !imageName.contains(".")) {
            // COVID-Net sources (Figure1) list image names without an extension.
            for (String ext : ImageFormats.EXTENSIONS) {
                for (String spelling : List.of(ext, ext.toUpperCase(Locale.ROOT))) {
                    Path candidate = folder.resolve(imageName + "." + spelling);
                    if (Files.exists(candidate)) {
                        return candidate;
                    }
                }
            }
        }
        return file;
    }

    private Map<String, String> checkColumns(List<String> headerNames, Path csv) {
        Map<String, String> byKey = new LinkedHashMap<>();
        headerNames.forEach(h -> byKey.putIfAbsent(key(h), h));
        List<String> required = new ArrayList<>(List.of(schema.imageColumn(), schema.patientColumn(),
                schema.findingColumn()));
        if (!options.views().isEmpty()) {
            required.add(schema.viewColumn());
        }
        if (!options.modalities().isEmpty()) {
            required.add(schema.modalityColumn());
        }
        for (String column : required) {
            if (!byKey.containsKey(key(column))) {
                throw new DatasetException("Metadata CSV " + csv.toAbsolutePath() + " has no column '" + column
                        + "' (its columns: " + headerNames + "). Use a CSV with the " + source
                        + " columns, or the loader that matches your CSV");
            }
        }
        return byKey;
    }

    private boolean allRequiredSet(CSVRecord record) {
        return List.of(schema.imageColumn(), schema.patientColumn(), schema.findingColumn()).stream()
                .allMatch(c -> record.isSet(columns.get(key(c))));
    }

    private String value(CSVRecord record, String column) {
        String header = column == null ? null : columns.get(key(column));
        if (header == null || !record.isSet(header)) {
            return "";
        }
        String v = record.get(header);
        return v == null ? "" : v.trim();
    }

    private static String key(String column) {
        return column == null ? "" : column.trim().toLowerCase(Locale.ROOT);
    }

    /** UTF-8 with a possible byte-order mark skipped; undecodable bytes (in free-text notes) become U+FFFD. */
    private static Reader openUtf8(Path csv) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(csv),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)));
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }
}
