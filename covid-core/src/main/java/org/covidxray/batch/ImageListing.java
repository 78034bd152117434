package org.covidxray.batch;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.covidxray.data.ImageFiles;
import org.covidxray.image.ImageFormats;

/**
 * The images of a batch run: every image file under a folder (any depth, by
 * {@link ImageFormats#EXTENSIONS}, sorted), or the rows of a CSV list with a {@value #PATH} column and
 * optional {@value #LABEL} and {@value #PATIENT} columns. Relative paths in a list are resolved against
 * the list's own folder, so a list travels with its images.
 */
public final class ImageListing {
    /** List column with the image file (required). */
    public static final String PATH = "path";
    /** List column with the true class (optional). */
    public static final String LABEL = "label";
    /** List column with the patient id (optional). */
    public static final String PATIENT = "patient";

    private ImageListing() {
    }

    /** The images under {@code folder}, sorted by relative path, named by their path under it. */
    public static List<BatchImage> folder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new BatchException("Folder " + folder + " does not exist or is not a folder.");
        }
        return ImageFiles.imagesUnder(folder).stream().map(p -> BatchImage.of(p.toString())).toList();
    }

    /** A file is itself; a folder is walked ({@link #folder}). */
    public static List<BatchImage> fileOrFolder(Path path) {
        return Files.isDirectory(path) ? folder(path) : List.of(BatchImage.of(path.toString()));
    }

    /** The rows of a CSV list, in file order. */
    public static List<BatchImage> csv(Path list) {
        Path base = list.toAbsolutePath().getParent();
        try (Reader reader = Files.newBufferedReader(list, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                     .setIgnoreSurroundingSpaces(true).setTrim(true).get().parse(reader)) {
            Map<String, Integer> header = parser.getHeaderMap();
            if (!header.containsKey(PATH)) {
                throw new BatchException("Image list " + list + " has no '" + PATH + "' column; its columns are "
                        + header.keySet() + ". Give one row per image with its file in a column named '" + PATH
                        + "' (optional: '" + LABEL + "', '" + PATIENT + "').");
            }
            boolean labels = header.containsKey(LABEL);
            boolean patients = header.containsKey(PATIENT);
            List<BatchImage> images = new ArrayList<>();
            for (CSVRecord r : parser) {
                String path = r.get(PATH);
                if (path.isEmpty()) {
                    throw new BatchException("Image list " + list + " line " + (r.getRecordNumber() + 1)
                            + ": the '" + PATH + "' column is empty.");
                }
                images.add(new BatchImage(resolve(base, path), labels ? r.get(LABEL) : null,
                        patients ? r.get(PATIENT) : null));
            }
            return images;
        } catch (NoSuchFileException e) {
            throw new BatchException("Image list " + list + " does not exist.", e);
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            throw new BatchException("Image list " + list + " is not a readable CSV file: " + e.getMessage(), e);
        }
    }

    /** {@code path} as it is when absolute, else against {@code base} (a list's folder). */
    public static String resolve(Path base, String path) {
        Path p = Path.of(path);
        return p.isAbsolute() || base == null ? path : base.resolve(p).normalize().toString();
    }
}
