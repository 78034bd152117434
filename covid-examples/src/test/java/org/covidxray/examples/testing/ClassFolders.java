package org.covidxray.examples.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;
import org.covidxray.testing.SyntheticImages;

/** A class-per-folder tree of synthetic images ({@code root/<class>/<file>.png}), as {@code --folder} reads. */
public final class ClassFolders {
    public static final List<String> CLASSES = List.of("covid", "normal", "pneumonia");

    private ClassFolders() {
    }

    public static Path write(Path root, int perClass, int size, long seed) {
        Dataset flat = SyntheticImages.write(root.resolve(".flat"), CLASSES, perClass, size, seed);
        try {
            for (Sample s : flat.samples()) {
                Path target = root.resolve(s.label()).resolve(s.path().getFileName());
                Files.createDirectories(target.getParent());
                Files.move(s.path(), target);
            }
            Files.delete(root.resolve(".flat"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }
}
