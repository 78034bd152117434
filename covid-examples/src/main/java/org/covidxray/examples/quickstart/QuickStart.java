package org.covidxray.examples.quickstart;

import java.nio.file.Path;
import org.covidxray.data.ClassFolderDataset;
import org.covidxray.data.Dataset;
import org.covidxray.data.DatasetOptions;
import org.covidxray.data.DatasetSplit;
import org.covidxray.data.PatientSplitter;
import org.covidxray.engine.Architecture;
import org.covidxray.engine.Backends;
import org.covidxray.model.Prediction;
import org.covidxray.training.TrainedModel;
import org.covidxray.training.TrainingConfig;
import org.covidxray.training.TrainingListener;
import org.covidxray.training.TrainingLoop;
import org.covidxray.training.TrainingRequest;

/**
 * The README's "use it from your own Maven project" example, kept here so that the build compiles
 * it: train on a class-per-folder tree, save the model, predict one image.
 *
 * <p>Usage: {@code QuickStart DATASET_DIR IMAGE}. Research software, not a diagnostic device.
 */
public final class QuickStart {
    private QuickStart() {
    }

    public static void main(String[] args) {
        Dataset data = new ClassFolderDataset().load(DatasetOptions.of(Path.of(args[0])));
        DatasetSplit split = new PatientSplitter(0.7, 0.15, 0.15, 42).split(data);
        TrainingRequest request = TrainingRequest.builder()
                .setBackend(Backends.defaultBackend())
                .setArchitecture(Architecture.defaultCnn(128))
                .optConfig(TrainingConfig.builder().setEpochs(10).build())
                .setTrain(split.train()).optValidation(split.validation())
                .build();
        try (TrainedModel trained = new TrainingLoop(request, TrainingListener.none()).run()) {
            trained.classifier().save(Path.of("model.zip"));
            Prediction p = trained.classifier().predict(Path.of(args[1]));
            System.out.println(p.predictedClass() + " " + p.asMap() + " (research software, not a diagnosis)");
        }
    }
}
