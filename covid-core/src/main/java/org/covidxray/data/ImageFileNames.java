package org.covidxray.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Which files are images by their name: the one list of extensions that the data set loaders and the
 * batch walker ({@code org.covidxray.batch.ImageListing}) accept, matched case-insensitively. Whether a
 * file really decodes is the decoder's business; this only decides what is offered to it.
 */
public final class ImageFileNames {
    /** Accepted extensions, lower case, without the dot. {@code dcm}: DICOM, decoded by the image decoder. */
    public static final List<String> EXTENSIONS = List.of("jpg", "jpeg", "png", "bmp", "dcm");

    private ImageFileNames() {
    }

    /** Whether the file's name ends in one of {@link #EXTENSIONS} (any case). */
    public static boolean hasImageExtension(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        String text = name.toString();
        int dot = text.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(text.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * The image files (by {@link #hasImageExtension}) under {@code folder} at any depth, hidden files left
     * out, sorted by their path relative to the folder.
     *
     * @throws DatasetException when the folder cannot be listed
     */
    public static List<Path> imagesUnder(Path folder) {
        return ImageFiles.listFiles(folder).stream().filter(ImageFileNames::hasImageExtension).toList();
    }
}
