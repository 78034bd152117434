package org.covidxray.examples.experiments;

import org.covidxray.examples.testing.TinyTrees;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.covidxray.examples.CovidCommand;
import org.covidxray.model.ModelBundle;
import org.covidxray.model.ModelCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesExperimentTest {
    @TempDir
    Path tmp;

    @Test
    void smokeRunLeavesEachSourceOutAndReportsThePooledModelPerSource() {
        Path shared = tinyShared();
        Path out = tmp.resolve("sources");

        // synthetic pictures of one class look alike to a perceptual hash: the duplicate check is off here
        ExperimentCli run = ExperimentCli.run("sources", "--backend", "fake", "--out", out.toString(),
                "--shared", shared.toString(), "--hold-out", "mhh-covid19,nih-chestxray14-adult", "--cap", "8",
                "--image-size", "32", "--epochs", "1", "--val-fraction", "0.25", "--test-fraction", "0.25",
                "--no-dedup");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode results = ExperimentCli.json(out.resolve(ExperimentRun.EXPERIMENT_JSON)).get("results");
        JsonNode folds = results.get("leaveOneSourceOut");
        assertThat(folds).hasSize(2);
        assertThat(folds.get(0).get("source").asText()).isEqualTo("mhh-covid19");
        assertThat(folds.get(0).get("images").asInt()).as("the held-out source whole, not capped").isEqualTo(10);
        assertThat(folds.get(0).get("sensitivity").get("trials").asInt()).isEqualTo(10);
        assertThat(folds.get(1).get("specificity").get("trials").asInt()).isEqualTo(10);
        assertThat(results.get("pooled")).isNotEmpty();
        assertThat(out.resolve("pooled/metrics.json")).exists();
        assertThat(ExperimentCli.text(out.resolve(ExperimentRun.SUMMARY_MD)))
                .contains("Each source left out of training").contains("held-out patients")
                .contains("mhh-covid19 (left out)").contains("Shortcut check: predicting the source");
        JsonNode sourceCheck = results.get("sourceCheck");
        assertThat(sourceCheck.get("sources").size()).as("one row per source of the training part").isEqualTo(5);
        int tested = 0;
        for (JsonNode row : sourceCheck.get("sources")) {
            if (row.get("images").asInt() > 0) {
                assertThat(row.get("oneVsRestAuc").isNumber()).as(row.toString()).isTrue();
                tested++;
            }
        }
        assertThat(tested).as("sources with test images").isGreaterThanOrEqualTo(2);
        assertThat(out.resolve("source-check/metrics.json")).exists();
        JsonNode saliency = results.get("pooled-saliency");
        assertThat(saliency.get("borderAreaShare").asDouble()).isBetween(0.4, 0.5);
        for (JsonNode entry : saliency.get("entries")) {
            assertThat(out.resolve(entry.get("file").asText())).exists();
        }
    }

    @Test
    void crossValidationTestsEveryCappedImageOncePerSource() {
        Path shared = tinyShared();
        Path out = tmp.resolve("cv");

        ExperimentCli run = ExperimentCli.run("sources", "--backend", "fake", "--out", out.toString(),
                "--shared", shared.toString(), "--hold-out", "none", "--no-pooled", "--no-source-check",
                "--saliency", "0", "--folds", "3", "--cap", "8", "--image-size", "32", "--epochs", "1",
                "--val-fraction", "0.25", "--test-fraction", "0.25", "--no-dedup");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode results = ExperimentCli.json(out.resolve(ExperimentRun.EXPERIMENT_JSON)).get("results");
        JsonNode cv = results.get("crossValidation");
        assertThat(cv.get("folds").asInt()).isEqualTo(3);
        assertThat(cv.get("perFold")).hasSize(3);
        int tested = 0;
        for (JsonNode fold : cv.get("perFold")) {
            tested += fold.get("testImages").asInt();
            assertThat(fold.get("threshold").asDouble()).isBetween(0.0, 1.0);
        }
        JsonNode bySource = cv.get("bySource");
        JsonNode all = bySource.get(bySource.size() - 1);
        assertThat(all.get("source").asText()).isEqualTo("all");
        assertThat(all.get("sensitivity").get("trials").asInt() + all.get("specificity").get("trials").asInt())
                .as("every image of the folds counted once").isEqualTo(tested);
        List<String> names = new java.util.ArrayList<>();
        bySource.forEach(r -> names.add(r.get("source").asText()));
        assertThat(names).contains("mhh-covid19", "nih-chestxray14-adult", "kermany",
                "cohen-covid-chestxray + cohen-covid-chestxray-2020-07");
        JsonNode nih = bySource.get(names.indexOf("nih-chestxray14-adult"));
        assertThat(nih.get("specificity").get("trials").asInt()).as("NIH capped to 8 per class").isBetween(6, 10);
        assertThat(results.has("pooled")).isFalse();
        JsonNode cohen = bySource.get(names.indexOf("cohen-covid-chestxray + cohen-covid-chestxray-2020-07"));
        JsonNode interval = cohen.get("covidAucInterval");
        assertThat(interval.get("estimate").asDouble()).isEqualTo(cohen.get("covidAuc").asDouble());
        assertThat(interval.get("method").asText()).contains("patients");
        assertThat(interval.get("lower").asDouble()).isLessThanOrEqualTo(interval.get("estimate").asDouble());
        assertThat(ExperimentCli.text(out.resolve(ExperimentRun.SUMMARY_MD))).contains("3-fold cross-validation by patient")
                .contains("Per fold (all sources)").contains("(95% CI ");
        List<String> csv = ExperimentCli.lines(out.resolve(SourcesExperiment.CROSS_VALIDATION_CSV));
        assertThat(csv.get(0)).startsWith("id,file,patient,source,label,predicted,p_covid");
        assertThat(csv).as("one row per tested image").hasSize(tested + 1);
    }

    @Test
    void twoClassRunsTrainCovidAgainstTheRest() {
        Path out = tmp.resolve("two");
        ExperimentCli run = ExperimentCli.run("sources", "--backend", "fake", "--out", out.toString(),
                "--shared", tinyShared().toString(), "--hold-out", "nih-chestxray14-adult", "--no-source-check",
                "--saliency", "0", "--two-class", "--cap", "8", "--image-size", "32", "--epochs", "1",
                "--val-fraction", "0.25", "--test-fraction", "0.25", "--no-dedup");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = ExperimentCli.json(out.resolve(ExperimentRun.EXPERIMENT_JSON));
        assertThat(json.get("settings").get("classes").toString()).isEqualTo("[\"covid\",\"other\"]");
        JsonNode nih = json.get("results").get("leaveOneSourceOut").get(0);
        assertThat(nih.get("specificity").get("trials").asInt()).as("the left-out source whole").isEqualTo(10);
        assertThat(nih.get("oneVsRestAuc").toString()).contains("other").doesNotContain("pneumonia");
    }

    @Test
    void anEnsembleTrainsEveryModelNTimesAndAveragesThem() {
        Path shared = tinyShared();
        Path out = tmp.resolve("ensemble");
        Path single = tmp.resolve("single");
        ExperimentCli run = ExperimentCli.run(ensembleArgs(shared, out, 2));
        ExperimentCli one = ExperimentCli.run(ensembleArgs(shared, single, 1));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(one.exitCode()).as(one.err()).isZero();
        JsonNode json = ExperimentCli.json(out.resolve(ExperimentRun.EXPERIMENT_JSON));
        assertThat(json.get("settings").get("ensemble").asInt()).isEqualTo(2);
        assertThat(json.get("results").get("crossValidation").get("perFold")).hasSize(2);
        assertThat(ExperimentCli.text(out.resolve(ExperimentRun.SUMMARY_MD)))
                .as("two networks for the left-out source, the pooled model and each of the two folds")
                .contains("training runs: 8");
        List<String> averaged = ExperimentCli.lines(out.resolve(SourcesExperiment.CROSS_VALIDATION_CSV));
        List<String> first = ExperimentCli.lines(single.resolve(SourcesExperiment.CROSS_VALIDATION_CSV));
        assertThat(averaged).hasSameSizeAs(first);
        for (int i = 0; i < averaged.size(); i++) {
            assertThat(averaged.get(i).split(",")[0]).as("the same folds, image for image")
                    .isEqualTo(first.get(i).split(",")[0]);
        }
        assertThat(averaged).as("the fake network depends on its seed, so an average of two differs from the first")
                .isNotEqualTo(first);
    }

    private static String[] ensembleArgs(Path shared, Path out, int members) {
        return new String[] {"sources", "--backend", "fake", "--out", out.toString(), "--shared", shared.toString(),
                "--hold-out", "nih-chestxray14-adult", "--no-source-check", "--saliency", "0", "--folds", "2",
                "--ensemble", String.valueOf(members), "--cap", "8", "--image-size", "32", "--epochs", "1",
                "--val-fraction", "0.25", "--test-fraction", "0.25", "--no-dedup"};
    }

    @Test
    void anEnsembleOfNoneOrWithACardIsRefused() {
        Path shared = tinyShared();
        ExperimentCli none = ExperimentCli.run("sources", "--backend", "fake", "--out", tmp.resolve("e0").toString(),
                "--shared", shared.toString(), "--hold-out", "none", "--ensemble", "0", "--no-dedup");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--ensemble must be at least 1");
        ExperimentCli card = ExperimentCli.run("sources", "--backend", "fake", "--out", tmp.resolve("e2").toString(),
                "--shared", shared.toString(), "--hold-out", "none", "--ensemble", "2", "--card",
                tmp.resolve("model.zip").toString(), "--no-dedup");
        assertThat(card.exitCode()).isEqualTo(2);
        assertThat(card.err()).contains("--card").contains("--ensemble 2");
    }

    @Test
    void oneFoldIsRefused() {
        ExperimentCli run = ExperimentCli.run("sources", "--backend", "fake", "--out", tmp.resolve("one").toString(),
                "--shared", tinyShared().toString(), "--hold-out", "none", "--folds", "1", "--no-dedup");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--folds");
    }

    @Test
    void writesTheResultsIntoTheCardOfAModelOfTheSameRecipeAndRefusesAnother() throws Exception {
        Path shared = tinyShared();
        Path same = tmp.resolve("same.zip");
        Path other = tmp.resolve("other.zip");
        for (Path model : List.of(same, other)) {
            StringWriter err = new StringWriter();
            int code = CovidCommand.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                    "train", "--backend", "fake", "--kermany", shared.resolve("kaggle-pneumonia/train").toString(),
                    "--image-size", "32", "--epochs", model == same ? "1" : "2", "--class-weights", "balanced",
                    "--out", model.toString());
            assertThat(code).as(err.toString()).isZero();
        }
        byte[] otherBefore = Files.readAllBytes(other);

        StringWriter err = new StringWriter();
        int refused = CovidCommand.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                sourcesArgs(shared, tmp.resolve("refused"), other));
        assertThat(refused).isEqualTo(2);
        assertThat(err.toString()).contains("another recipe").contains("epochs=2");
        assertThat(Files.readAllBytes(other)).as("the refused model is left alone").isEqualTo(otherBefore);

        err = new StringWriter();
        int code = CovidCommand.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                sourcesArgs(shared, tmp.resolve("written"), same));
        assertThat(code).as(err.toString()).isZero();
        List<ModelCard.SourceResult> rows = ModelBundle.read(same).manifest().card().sourcesLeftOut();
        assertThat(rows).extracting(ModelCard.SourceResult::source).containsExactly("mhh-covid19",
                "nih-chestxray14-adult");
        assertThat(rows.get(0).positives()).isEqualTo(10);
        assertThat(rows.get(1).negatives()).isEqualTo(10);

        // a cross-validation run adds its rows and keeps the left-out ones
        err = new StringWriter();
        String[] cvArgs = {"experiment", "sources", "--backend", "fake", "--out", tmp.resolve("cv-card").toString(),
                "--shared", shared.toString(), "--hold-out", "none", "--folds", "2", "--cap", "8", "--image-size", "32",
                "--epochs", "1", "--val-fraction", "0.25", "--test-fraction", "0.25", "--no-dedup", "--no-pooled",
                "--no-source-check", "--saliency", "0", "--card", same.toString()};
        code = CovidCommand.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), cvArgs);
        assertThat(code).as(err.toString()).isZero();
        ModelCard written = ModelBundle.read(same).manifest().card();
        assertThat(written.sourcesLeftOut()).isEqualTo(rows);
        assertThat(written.sourcesCrossValidated()).extracting(ModelCard.SourceResult::source)
                .contains("mhh-covid19", "nih-chestxray14-adult", "kermany");
        assertThat(written.sourcesCrossValidated()).filteredOn(r -> r.source().equals("mhh-covid19"))
                .singleElement().satisfies(r -> assertThat(r.positives()).isEqualTo(8));
    }

    /** The five collections as tiny generated trees, laid out as in ../shared/data. */
    private Path tinyShared() {
        Path shared = tmp.resolve("shared");
        TinyTrees.kermany(shared.resolve("kaggle-pneumonia/train"), 12);
        TinyTrees.cohen(shared.resolve("cohen-covid-chestxray"), 12, 4, 4);
        TinyTrees.cohen(shared.resolve("cohen-covid-chestxray-2020-07"), 4, 2, 4);
        TinyTrees.covidnet(shared.resolve("nih-chestxray14-adult"), "No Finding", 10, 7);
        TinyTrees.covidnet(shared.resolve("mhh-covid19"), "COVID-19", 10, 8);
        return shared;
    }

    private static String[] sourcesArgs(Path shared, Path out, Path card) {
        return new String[] {"experiment", "sources", "--backend", "fake", "--out", out.toString(),
                "--shared", shared.toString(), "--hold-out", "mhh-covid19,nih-chestxray14-adult", "--cap", "8",
                "--image-size", "32", "--epochs", "1", "--val-fraction", "0.25", "--test-fraction", "0.25",
                "--no-dedup", "--no-pooled", "--no-source-check", "--card", card.toString()};
    }
}
