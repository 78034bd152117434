package org.covidxray.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.covidxray.image.ImageFormats;

/**
 * File-level helpers shared by the loaders: which files are images (the extensions of
 * {@link ImageFormats#EXTENSIONS}), listing, and a cheap header check.
 */
final class ImageFiles {
    private ImageFiles() {
    }

    static boolean hasImageExtension(Path file) {
        return ImageFormats.hasImageExtension(file);
    }

    /** Regular files under {@code folder} (any depth), sorted by their path relative to it. */
    static List<Path> listFiles(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted((a, b) -> relative(folder, a).compareTo(relative(folder, b)))
                    .toList();
        } catch (IOException e) {
            throw new DatasetException("Cannot list the folder " + folder + ": " + e.getMessage()
                    + ". Check that it is readable", e);
        }
    }

    /** The path of {@code file} relative to {@code base}, with {@code /} separators on every OS. */
    static String relative(Path base, Path file) {
        return base.relativize(file).toString().replace('\\', '/');
    }

    /** What is wrong with an image file's header (see {@link ImageFormats#headerProblem(Path)}). */
    static Optional<String> headerProblem(Path file) {
        return ImageFormats.headerProblem(file);
    }
}
