package org.covidxray.io;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** The library's one PNG encoder (charts, saliency overlays, previews), through the JDK's ImageIO. */
public final class PngEncoder {
    private PngEncoder() {
    }

    /**
     * The image as PNG bytes.
     *
     * @throws UncheckedIOException when the JDK has no PNG writer or encoding fails
     */
    public static byte[] encode(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer is available in this JDK");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode a " + image.getWidth() + "x" + image.getHeight()
                    + " image as PNG: " + e.getMessage(), e);
        }
    }
}
