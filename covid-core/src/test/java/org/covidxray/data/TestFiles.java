package org.covidxray.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Small files for loader tests, written into a test's temporary folder. */
final class TestFiles {
    private TestFiles() {
    }

    /** Writes a tiny valid PNG (whatever the extension says) and returns its path. */
    static Path image(Path file) {
        try {
            Files.createDirectories(file.getParent());
            BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
            ImageIO.write(image, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes text (e.g. a CSV, or text posing as an image) and returns the path. */
    static Path text(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
