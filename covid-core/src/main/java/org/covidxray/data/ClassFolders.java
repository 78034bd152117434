package org.covidxray.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.covidxray.image.ImageFormats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lists class sub-folders and their image files, in a deterministic (sorted) order. */
final class ClassFolders {
    private static final Logger LOG = LoggerFactory.getLogger(ClassFolders.class);

    private ClassFolders() {
    }

    /** Sub-folders of {@code root} that are not hidden, sorted by name. */
    static List<Path> subFolders(Path root) {
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new DatasetException("Cannot list the folder " + root + ": " + e.getMessage()
                    + ". Check that it is readable", e);
        }
    }

    /**
     * Image files (by extension, any depth) of a class folder, sorted by relative path. Other files are
     * not samples; they are logged so that a folder of, say, TIFF files does not load as empty unnoticed.
     */
    static List<Path> images(Path classFolder, String datasetName) {
        List<Path> images = new ArrayList<>();
        List<Path> others = new ArrayList<>();
        for (Path file : ImageFiles.listFiles(classFolder)) {
            (ImageFiles.hasImageExtension(file) ? images : others).add(file);
        }
        if (!others.isEmpty()) {
            LOG.warn("Data set '{}': ignored {} non-image files in {} (accepted extensions: {}), e.g. {}",
                    datasetName, others.size(), classFolder, ImageFormats.EXTENSIONS, others.get(0).getFileName());
        }
        return images;
    }
}
