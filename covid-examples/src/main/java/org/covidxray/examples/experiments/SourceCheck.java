package org.covidxray.examples.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.covidxray.data.Dataset;
import org.covidxray.data.DatasetSplit;
import org.covidxray.data.Sample;
import org.covidxray.evaluation.DatasetPredictions;
import org.covidxray.evaluation.DatasetPredictor;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.metrics.ConfusionMatrix;
import org.covidxray.metrics.Rate;
import org.covidxray.model.Architecture;
import org.covidxray.model.TrainingConfig;
import org.covidxray.report.EvaluationReport;
import org.covidxray.training.TrainedModel;

/**
 * The shortcut check: the same network, preprocessing and settings trained to predict the <em>source</em>
 * of an image instead of its class. When the source is easy to see in the pixels, class labels that go
 * with the source can be learned without any sign of disease.
 */
final class SourceCheck {
    private SourceCheck() {
    }

    /** The same images labelled by their source ({@code sources}: the class names, in order). */
    static Dataset bySource(Dataset part, List<String> sources) {
        List<Sample> relabelled = part.samples().stream().map(s -> s.withLabel(s.attribute(Sample.SOURCE))).toList();
        return new Dataset(part.name() + "-by-source", sources, relabelled);
    }

    /**
     * Trains a source classifier (never with source-adversarial training, whatever {@code config} says) on the split's training part (validated on its validation part), and
     * writes, for the test part, each source's one-vs-rest AUC and recall (most probable source) to the
     * run as result {@code sourceCheck} and a section; report files in {@code source-check/}.
     */
    static void run(ExperimentRun run, Architecture architecture, PreprocessingConfig preprocessing,
                    TrainingConfig config, DatasetSplit split) {
        List<String> sources = new ArrayList<>(new TreeSet<>(split.train().samples().stream()
                .map(s -> s.attribute(Sample.SOURCE)).toList()));
        if (sources.size() < 2) {
            run.section("Shortcut check: predicting the source", "Not run: the training part has one source.");
            return;
        }
        Dataset train = bySource(split.train(), sources);
        Dataset validation = bySource(split.validation(), sources);
        Dataset test = bySource(split.test().filter(split.test().name(),
                s -> sources.contains(s.attribute(Sample.SOURCE))), sources);
        // a source head conditioned on the class would be given the answer here: the source check trains without it
        TrainingConfig plain = config.toBuilder().optAdversarialWeight(0).build();
        try (TrainedModel model = run.train(architecture, preprocessing, plain, train, validation, null)) {
            DatasetPredictions p = DatasetPredictor.of(model.classifier()).predict(test);
            EvaluationReport report = p.report(sources.get(0), 0.5, run.seed());
            run.writeReport(run.out().resolve("source-check"), report, test, model.history(),
                    architecture.name() + " source classifier");
            ConfusionMatrix matrix = report.confusionMatrix();
            List<List<String>> rows = new ArrayList<>();
            List<Map<String, Object>> json = new ArrayList<>();
            for (int c = 0; c < sources.size(); c++) {
                int total = 0;
                for (int k = 0; k < sources.size(); k++) {
                    total += matrix.counts()[c][k];
                }
                Rate recall = Rate.of(matrix.counts()[c][c], total);
                double auc = report.oneVsRestAuc().of(sources.get(c));
                rows.add(List.of(sources.get(c), String.valueOf(total), Text.number(auc, 3), recall.text()));
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("source", sources.get(c));
                m.put("images", total);
                m.put("oneVsRestAuc", auc);
                m.put("recall", recall);
                json.add(m);
            }
            Rate accuracy = Rate.of(matrix.correct(), matrix.total());
            run.result("sourceCheck", Map.of("sources", json, "accuracy", accuracy));
            run.section("Shortcut check: predicting the source",
                    "The same network, preprocessing and training settings, trained on the same training images to "
                            + "predict the source instead of the class; test part of the same split. Accuracy "
                            + accuracy.text() + " over " + sources.size() + " sources (chance: the largest source's "
                            + "share). A one-vs-rest AUC near 1 means the source is plain to see in the pixels, so a "
                            + "class that comes from one source can be learned without any sign of disease. Report "
                            + "files: `source-check/`.\n\n"
                            + Text.table(List.of("source", "test images", "one-vs-rest AUC", "recall (most probable)"),
                            rows));
        }
    }
}
