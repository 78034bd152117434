package org.covidxray.examples.quickstart;

import java.nio.file.Path;
import org.covidxray.data.ClassFolderDataset;
import org.covidxray.data.Dataset;
import org.covidxray.data.DatasetOptions;
import org.covidxray.data.DatasetSplit;
import org.covidxray.data.PatientSplitter;
import org.covidxray.engine.Backends;
import org.covidxray.evaluation.DecisionRules;
import org.covidxray.evaluation.Evaluation;
import org.covidxray.evaluation.EvaluationOptions;
import org.covidxray.evaluation.Evaluator;
import org.covidxray.model.Architecture;
import org.covidxray.model.Classifier;
import org.covidxray.model.DecisionRule;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.Prediction;
import org.covidxray.model.TrainingConfig;
import org.covidxray.training.TrainedModel;
import org.covidxray.training.TrainingListener;
import org.covidxray.training.TrainingLoop;
import org.covidxray.training.TrainingRequest;

/**
 * The README's "use it from your own Maven project" example, kept here so that the build compiles
 * it: train on a class-per-folder tree, choose the decision threshold on the validation part, evaluate
 * on the held-out test part (overall and per data source), save the model with its card, and predict
 * one image with the same rule that {@code covid predict} and the web page apply.
 *
 * <p>Usage: {@code QuickStart DATASET_DIR IMAGE}. Research software, not a diagnostic device.
 */
public final class QuickStart {
    private QuickStart() {
    }

    public static void main(String[] args) {
        Dataset data = new ClassFolderDataset().load(DatasetOptions.of(Path.of(args[0])));
        DatasetSplit split = new PatientSplitter(0.7, 0.15, 0.15, 42).split(data);   // patient-disjoint
        TrainingRequest request = TrainingRequest.builder()
                .setBackend(Backends.defaultBackend())          // djl or dl4j, whichever is on the class path
                .setArchitecture(Architecture.defaultCnn(128))
                .optConfig(TrainingConfig.builder().setEpochs(10).build())
                .setTrain(split.train()).optValidation(split.validation())
                .build();
        try (TrainedModel trained = new TrainingLoop(request, TrainingListener.none()).run()) {
            ModelManifest manifest = trained.classifier().manifest();
            DecisionRule rule = DecisionRules.youden(trained.classifier(), split.validation(), "covid");
            Classifier model = trained.classifier().withManifest(manifest.withDecisionRule(rule)
                    .withProvenance(manifest.provenance().withSplit(split.description())));
            Evaluation test = Evaluator.evaluate(model, split.test(), EvaluationOptions.defaults());
            System.out.println("test accuracy " + test.report().accuracy() + ", by source " + test.bySource());
            model.withManifest(model.manifest().withCard(test.addTo(model.manifest().card()))).save(Path.of("model.zip"));
            Prediction p = model.predict(Path.of(args[1]));
            System.out.println(p.predictedClass() + " " + p.asMap() + " (research software, not a diagnosis)");
        }
    }
}
