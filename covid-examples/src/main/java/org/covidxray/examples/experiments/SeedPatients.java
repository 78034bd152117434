package org.covidxray.examples.experiments;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.covidxray.data.Dataset;
import org.covidxray.data.KermanyFileName;
import org.covidxray.data.Sample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovers the patients of the original project's class folders, which carry none: a Kermany file
 * name gives its child ({@code person123}, {@code IM-0115}); a COVID-19 file is looked up by name in
 * Cohen's {@code metadata.csv} (its {@code patientid}); a file found in neither is grouped with the
 * files whose names differ from it only by a trailing panel letter or day ({@code lancet-case2a} and
 * {@code lancet-case2b}, {@code ...fig5-day0} and {@code ...fig5-day4}), since those are figures of
 * one case.
 */
final class SeedPatients {
    private static final Logger LOG = LoggerFactory.getLogger(SeedPatients.class);

    /**
     * What the assignment used, per source of the patient id.
     *
     * @param kermanyName patients taken from a Kermany file name
     * @param cohenMetadata patients taken from Cohen's metadata
     * @param fileStem patients guessed from the file-name stem
     */
    record Counts(int kermanyName, int cohenMetadata, int fileStem) {
    }

    private SeedPatients() {
    }

    /** The data set with patient ids recovered, and how; {@code cohenCsv} may be null or absent. */
    record Assigned(Dataset dataset, Counts counts) {
    }

    static Assigned assign(Dataset dataset, Path cohenCsv) {
        int[] counts = new int[3];
        Map<String, String> cohen = cohenPatients(cohenCsv);
        List<Sample> out = new ArrayList<>();
        for (Sample s : dataset.samples()) {
            String file = s.path().getFileName().toString();
            Optional<KermanyFileName> kermany = KermanyFileName.parse(file);
            String patient;
            if (kermany.isPresent()) {
                patient = "kermany:" + kermany.get().patientKey();
                counts[0]++;
            } else if (cohen.containsKey(file)) {
                patient = "cohen:" + cohen.get(file);
                counts[1]++;
            } else {
                patient = "stem:" + stem(file);
                counts[2]++;
            }
            out.add(new Sample(s.id(), s.path(), s.label(), patient, s.attributes()));
        }
        return new Assigned(dataset.withSamples(dataset.name(), out), new Counts(counts[0], counts[1], counts[2]));
    }

    /** The file name without extension, trailing panel letter ({@code -a}, {@code b}) and day ({@code -day4}). */
    static String stem(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        return name.replaceFirst("[-_]?day\\d+$", "").replaceFirst("[-_]?[a-h]$", "");
    }

    private static Map<String, String> cohenPatients(Path csv) {
        Map<String, String> map = new HashMap<>();
        if (csv == null || !Files.isRegularFile(csv)) {
            LOG.warn("Cohen metadata {} not found; COVID-19 patients of the class folders are guessed from file names",
                    csv);
            return map;
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
        try (Reader reader = new java.io.InputStreamReader(Files.newInputStream(csv), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
             CSVParser parser = format.parse(reader)) {
            if (!parser.getHeaderNames().contains("filename") || !parser.getHeaderNames().contains("patientid")) {
                throw new ExperimentException("Cohen metadata " + csv + " has no 'filename' and 'patientid' columns; "
                        + "point --cohen at the folder of covid-chestxray-dataset's metadata.csv");
            }
            for (CSVRecord row : parser) {
                map.putIfAbsent(row.get("filename"), row.get("patientid"));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ExperimentException("Cannot read Cohen metadata " + csv + ": " + e.getMessage()
                    + ". Check that it is a UTF-8 CSV file", e);
        }
        return map;
    }
}
