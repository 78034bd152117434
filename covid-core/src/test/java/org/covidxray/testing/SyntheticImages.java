package org.covidxray.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;

/**
 * Small generated PNG images with a class-dependent pattern (class i is bright in the i-th vertical
 * band), written to a folder the test owns. Any working classifier separates them in a few epochs.
 */
public final class SyntheticImages {
    private SyntheticImages() {
    }

    /** Writes {@code perClass} images per class and returns them as a data set; patients are one per image. */
    public static Dataset write(Path folder, List<String> classes, int perClass, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Sample> samples = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            for (int c = 0; c < classes.size(); c++) {
                for (int i = 0; i < perClass; i++) {
                    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
                    int bandStart = c * size / classes.size();
                    int bandEnd = (c + 1) * size / classes.size();
                    for (int y = 0; y < size; y++) {
                        for (int x = 0; x < size; x++) {
                            int base = x >= bandStart && x < bandEnd ? 190 : 50;
                            int v = Math.max(0, Math.min(255, base + (int) (random.nextGaussian() * 25)));
                            image.getRaster().setSample(x, y, 0, v);
                        }
                    }
                    String id = classes.get(c) + "-" + i + ".png";
                    Path file = folder.resolve(id);
                    ImageIO.write(image, "png", file.toFile());
                    samples.add(new Sample(id, file, classes.get(c), "p-" + classes.get(c) + "-" + i,
                            Map.of(Sample.SOURCE, "synthetic")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Dataset("synthetic", classes, samples);
    }
}
