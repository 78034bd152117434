package org.covidxray.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.examples.testing.TinyModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesAnOverlayTheSizeOfTheImage() throws Exception {
        Path model = TinyModels.train(dir);
        Path image = TinyModels.image(dir, 1);
        Path out = dir.resolve("heat.png");
        CliRun run = CliRun.of("explain", "--model", model.toString(), image.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        BufferedImage overlay = ImageIO.read(out.toFile());
        BufferedImage original = ImageIO.read(image.toFile());
        assertThat(overlay.getWidth()).isEqualTo(original.getWidth());
        assertThat(overlay.getHeight()).isEqualTo(original.getHeight());
        assertThat(run.out()).contains("Saliency of class").contains("not where disease is").contains(Disclaimer.TEXT);
    }

    @Test
    void explainsTheRealRsnaDicomFile() throws Exception {
        Path dicom;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(
                org.covidxray.testing.SharedData.require("formats"))) {
            dicom = files.filter(p -> p.toString().endsWith(".dcm")).findFirst().orElseThrow();
        }
        Path model = TinyModels.train(dir);
        Path out = dir.resolve("dicom-heat.png");

        CliRun run = CliRun.of("explain", "--model", model.toString(), dicom.toString(), "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        BufferedImage overlay = ImageIO.read(out.toFile());
        assertThat(overlay.getWidth()).isEqualTo(1024);
        assertThat(overlay.getHeight()).isEqualTo(1024);
    }

    @Test
    void refusesAOneByOneImageWithOneLine() throws Exception {
        Path model = TinyModels.train(dir);
        Path dot = java.nio.file.Files.write(dir.resolve("dot.png"),
                org.covidxray.examples.testing.CraftedImages.png(1, 1));
        CliRun run = CliRun.of("explain", "--model", model.toString(), dot.toString(), "--out",
                dir.resolve("h.png").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).filteredOn(l -> l.contains("dot.png")).singleElement().asString()
                .startsWith("covid explain: Image " + dot + " is 1x1 pixels");
        assertThat(dir.resolve("h.png")).doesNotExist();
    }

    @Test
    void anUnknownClassIsAUserError() {
        Path model = TinyModels.train(dir);
        CliRun run = CliRun.of("explain", "--model", model.toString(), TinyModels.image(dir, 0).toString(),
                "--class", "tuberculosis", "--out", dir.resolve("h.png").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("tuberculosis").contains("COVID-19");
    }
}
