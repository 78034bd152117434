package org.covidxray.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.examples.testing.TinyModels;
import org.covidxray.model.ModelBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {
    @TempDir
    Path dir;

    @Test
    void listsBackendsWithUsabilityAndTheDisclaimer() {
        CliRun run = CliRun.of("info");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(Disclaimer.TEXT).contains("Backends:").containsPattern("fake\\s+usable");
    }

    @Test
    void printsTheModelCard() {
        Path model = TinyModels.train(dir);
        String id = ModelBundle.read(model).manifest().modelId();
        CliRun run = CliRun.of("info", "--model", model.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Model card: " + model).contains(id).contains("COVID-19, normal, pneumonia")
                .contains("epochs run:    3").contains(Disclaimer.LONG);
    }
}
