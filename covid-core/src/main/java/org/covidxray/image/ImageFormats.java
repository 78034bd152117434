package org.covidxray.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The image files this library reads, in one place: the file extensions every data set loader
 * accepts, a cheap header check, and the source attributes a file's header carries (a DICOM file's
 * view position). {@link ImageDecoder} still detects the format from the bytes; the extensions only
 * decide which files of a folder are images.
 */
public final class ImageFormats {
    /** Extensions of image files, lower case, matched case-insensitively: JPEG, PNG, BMP and DICOM. */
    public static final List<String> EXTENSIONS = List.of("jpg", "jpeg", "png", "bmp", "dcm");

    private ImageFormats() {
    }

    /** Whether the file name ends with one of {@link #EXTENSIONS} (any case). */
    public static boolean hasImageExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * The source attributes a file's header carries, under {@code Sample}'s keys: for a DICOM file its
     * view ({@link DecodedImage#VIEW}) when it names one; nothing for other formats. Reads only the header.
     *
     * @throws ImageDecodeException if the file is a DICOM file whose header is corrupt or unsupported,
     *     or cannot be read
     */
    public static Map<String, String> attributes(Path file) {
        try {
            if (!startsAsDicom(file)) {
                return Map.of();
            }
            return DicomReader.readHeader(file).view().map(v -> Map.of(DecodedImage.VIEW, v)).orElse(Map.of());
        } catch (IOException e) {
            throw new ImageDecodeException(ImageDecodeException.Reason.IO_ERROR,
                    "Could not read image " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * What is wrong with an image file's header, or empty when it looks decodable: a DICOM header this
     * library's reader accepts, or one an ImageIO reader accepts with a non-empty size. Reads only the
     * header, never the pixels, so it stays cheap for thousands of files.
     */
    public static Optional<String> headerProblem(Path file) {
        try {
            if (Files.size(file) == 0) {
                return Optional.of("the file is empty (0 bytes)");
            }
            if (startsAsDicom(file)) {
                DicomReader.checkHeader(file);
                return Optional.empty();
            }
            try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
                if (in == null) {
                    return Optional.of("the file cannot be opened as an image stream");
                }
                Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
                if (!readers.hasNext()) {
                    return Optional.of("no image reader recognises its header (not a JPEG, PNG, BMP or DICOM file)");
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
        } catch (ImageDecodeException e) {
            return Optional.of(e.getMessage());
        } catch (IOException | RuntimeException e) {
            return Optional.of("its header cannot be read (" + e.getMessage() + ")");
        }
    }

    private static boolean startsAsDicom(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return ImageDecoder.isDicom(in.readNBytes(DicomParser.PREAMBLE));
        }
    }
}
