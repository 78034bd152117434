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
 * {@link ImageFormats#EXTENSIONS}), listing, and a cheap header check. Public only for
 * {@link #imagesUnder(Path)}, the folder walk the batch predictor shares with the loaders.
 */
public final class ImageFiles {
    private ImageFiles() {
    }

    static boolean hasImageExtension(Path file) {
        return ImageFormats.hasImageExtension(file);
    }

    /**
     * The image files (by {@link ImageFormats#hasImageExtension}) under {@code folder} at any depth, hidden
     * files left out, sorted by their path relative to the folder: what the batch walker
     * ({@code org.covidxray.batch.ImageListing}) predicts.
     *
     * @throws DatasetException when the folder cannot be listed
     */
    public static List<Path> imagesUnder(Path folder) {
        return listFiles(folder).stream().filter(ImageFiles::hasImageExtension).toList();
    }

    /** Regular, not hidden files under {@code folder} (any depth), sorted by their path relative to it. */
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
