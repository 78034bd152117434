package org.covidxray.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** File-level helpers shared by the loaders: which files are images, listing, and a cheap header check. */
final class ImageFiles {
    /** Extensions the loaders accept, lower case (matched case-insensitively): {@link ImageFileNames#EXTENSIONS}. */
    static final List<String> EXTENSIONS = ImageFileNames.EXTENSIONS;

    private ImageFiles() {
    }

    static boolean hasImageExtension(Path file) {
        return ImageFileNames.hasImageExtension(file);
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

    /**
     * What is wrong with an image file's header, or empty when an ImageIO reader accepts it and can read
     * its size. Reads only the header, never the pixels, so it stays cheap for thousands of files.
     */
    static Optional<String> headerProblem(Path file) {
        try {
            if (Files.size(file) == 0) {
                return Optional.of("the file is empty (0 bytes)");
            }
            try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
                if (in == null) {
                    return Optional.of("the file cannot be opened as an image stream");
                }
                Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
                if (!readers.hasNext()) {
                    return Optional.of("no image reader recognises its header (not a JPEG, PNG or BMP file)");
                }
                ImageReader reader = readers.next();
                try {
                    reader.setInput(in, true, true);
                    if (reader.getWidth(0) <= 0 || reader.getHeight(0) <= 0) {
                        return Optional.of("its header declares an empty image");
                    }
                } finally {
                    reader.dispose();
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("its header cannot be read (" + e.getMessage() + ")");
        }
    }
}
