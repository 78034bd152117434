package org.covidxray.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.examples.testing.TinyModels;
import org.covidxray.model.ModelBundle;
import org.covidxray.model.ModelCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {
    @TempDir
    Path dir;

    @Test
    void listsBackendsWithUsabilityAndTheDisclaimer() {
        CliRun run = CliRun.of("info");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(Disclaimer.TEXT).contains("Backends:").containsPattern("fake\\s+usable")
                .contains("no GPU in this build");
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

    @Test
    void printsTheResultsBySourceAsRows() {
        Path model = TinyModels.train(dir);
        ModelBundle bundle = ModelBundle.read(model);
        ModelCard card = bundle.manifest().card()
                .withTest(bundle.manifest().card().testMetrics(), java.util.List.of(new ModelCard.SourceResult(
                        "nih-chestxray14-adult", 0, 0, 124, 8, ModelCard.Estimate.undefined(),
                        new ModelCard.Estimate(0.935, 0.878, 0.967))))
                .withSourcesLeftOut(java.util.List.of(new ModelCard.SourceResult("mhh-covid19", 219, 178, 0, 0,
                        new ModelCard.Estimate(0.813, 0.756, 0.859), ModelCard.Estimate.undefined())))
                .withSourcesCrossValidated(java.util.List.of(new ModelCard.SourceResult("cohen-covid-chestxray-2020-07",
                        21, 15, 39, 15, new ModelCard.Estimate(0.714, 0.5, 0.862),
                        new ModelCard.Estimate(0.615, 0.459, 0.751))));
        bundle.withManifest(bundle.manifest().withCard(card)).writeTo(model);

        CliRun run = CliRun.of("info", "--model", model.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Held-out patients by source")
                .contains("nih-chestxray14-adult: sensitivity n/a, specificity 116/124 = 0.935 (95% CI 0.878 to 0.967)")
                .contains("Each source left out of training")
                .contains("mhh-covid19: sensitivity 178/219 = 0.813 (95% CI 0.756 to 0.859), specificity n/a")
                .contains("cross-validated over patient folds")
                .contains("cohen-covid-chestxray-2020-07: sensitivity 15/21 = 0.714 (95% CI 0.500 to 0.862), "
                        + "specificity 24/39 = 0.615 (95% CI 0.459 to 0.751)")
                .doesNotContain("testBySource").doesNotContain("sourcesCrossValidated");
    }
}
