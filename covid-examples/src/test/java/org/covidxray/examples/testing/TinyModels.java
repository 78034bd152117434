package org.covidxray.examples.testing;

import java.nio.file.Path;
import java.util.List;
import org.covidxray.data.Dataset;
import org.covidxray.engine.Architecture;
import org.covidxray.engine.Backends;
import org.covidxray.testing.FakeBackend;
import org.covidxray.testing.SyntheticImages;
import org.covidxray.training.TrainedModel;
import org.covidxray.training.TrainingConfig;
import org.covidxray.training.TrainingLoop;
import org.covidxray.training.TrainingRequest;

/** A model bundle trained in well under a second on the fake backend with synthetic images. */
public final class TinyModels {
    public static final List<String> CLASSES = List.of("COVID-19", "normal", "pneumonia");
    public static final int SIZE = 32;

    private TinyModels() {
    }

    /** Trains on synthetic images written under {@code dir} and saves the bundle as {@code dir/model.zip}. */
    public static Path train(Path dir) {
        Dataset train = SyntheticImages.write(dir.resolve("train"), CLASSES, 6, SIZE, 1);
        Dataset validation = SyntheticImages.write(dir.resolve("validation"), CLASSES, 3, SIZE, 2);
        TrainingRequest request = TrainingRequest.builder()
                .setBackend(Backends.get(FakeBackend.NAME))
                .setArchitecture(Architecture.defaultCnn(SIZE))
                .optConfig(TrainingConfig.builder().setEpochs(3).optBatchSize(6).optSeed(3).build())
                .setTrain(train)
                .optValidation(validation)
                .build();
        Path bundle = dir.resolve("model.zip");
        try (TrainedModel model = new TrainingLoop(request, null).run()) {
            model.classifier().save(bundle);
        }
        return bundle;
    }

    /** A synthetic image of class {@code classIndex} (bright band in that third of the image). */
    public static Path image(Path dir, int classIndex) {
        Dataset one = SyntheticImages.write(dir.resolve("img-" + classIndex), CLASSES, 1, SIZE, 99);
        return one.samples().get(classIndex).path();
    }
}
