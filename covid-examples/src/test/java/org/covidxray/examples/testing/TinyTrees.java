package org.covidxray.examples.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.covidxray.data.Dataset;
import org.covidxray.testing.SyntheticImages;

/**
 * Generated stand-ins for the real data layouts (Kermany's tree, Cohen's metadata.csv), so that the
 * experiment smoke tests run anywhere and in seconds.
 */
public final class TinyTrees {
    private TinyTrees() {
    }

    /** {@code root/NORMAL/IM-00NN-0001.png} and {@code root/PNEUMONIA/personNN_bacteria_NN.png}, one image per child. */
    public static Path kermany(Path root, int perClass) {
        Dataset images = SyntheticImages.write(root.resolve("generated"), List.of("normal", "pneumonia"), perClass, 32, 3);
        try {
            Files.createDirectories(root.resolve("NORMAL"));
            Files.createDirectories(root.resolve("PNEUMONIA"));
            int n = 0;
            for (var s : images.samples()) {
                n++;
                Path target = s.label().equals("normal")
                        ? root.resolve("NORMAL").resolve(String.format("IM-%04d-0001.png", n))
                        : root.resolve("PNEUMONIA").resolve(String.format("person%d_bacteria_%d.png", n, n));
                Files.move(s.path(), target);
            }
            Files.delete(root.resolve("generated"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    /** Cohen's layout: {@code metadata.csv} and {@code images/}; two images per patient. */
    public static Path cohen(Path root, int covid, int noFinding, int otherPneumonia) {
        Dataset images = SyntheticImages.write(root.resolve("images"), List.of("covid", "nofinding", "strep"),
                Math.max(covid, Math.max(noFinding, otherPneumonia)), 48, 5);
        List<String> rows = new ArrayList<>();
        rows.add("patientid,age,finding,view,modality,folder,filename");
        int patient = 100;
        int[] wanted = {covid, noFinding, otherPneumonia};
        String[] findings = {"COVID-19", "No Finding", "Streptococcus"};
        String[] classes = {"covid", "nofinding", "strep"};
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < wanted[c]; i++) {
                if (i % 2 == 0) {
                    patient++;
                }
                String view = i % 3 == 0 ? "AP Supine" : "PA";
                rows.add(patient + ",50," + findings[c] + "," + view + ",X-ray,images," + classes[c] + "-" + i + ".png");
            }
        }
        try {
            Files.write(root.resolve("metadata.csv"), rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    /** The COVID-Net CSV layout (NIH's and Hannover's): {@code metadata.csv} with {@code imagename}, {@code images/}. */
    public static Path covidnet(Path root, String finding, int count, long seed) {
        Dataset images = SyntheticImages.write(root.resolve("images"), List.of("x"), count, 48, seed);
        List<String> rows = new ArrayList<>();
        rows.add("patientid,finding,view,modality,imagename");
        for (int i = 0; i < count; i++) {
            rows.add(root.getFileName() + "-p" + (i / 2) + "," + finding + ",AP,X-ray,"
                    + images.samples().get(i).path().getFileName());
        }
        try {
            Files.write(root.resolve("metadata.csv"), rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }
}
