package org.covidxray.examples.testing;

import java.nio.file.Path;
import java.util.List;
import org.covidxray.data.Dataset;
import org.covidxray.engine.Backends;
import org.covidxray.gate.FeatureCalibration;
import org.covidxray.model.Architecture;
import org.covidxray.model.Classifier;
import org.covidxray.model.InputGateCalibration;
import org.covidxray.model.ModelBundle;
import org.covidxray.model.TrainingConfig;
import org.covidxray.testing.FakeBackend;
import org.covidxray.testing.SyntheticImages;
import org.covidxray.training.TrainedModel;
import org.covidxray.training.TrainingLoop;
import org.covidxray.training.TrainingRequest;

/**
 * A model bundle trained in well under a second on the fake backend with synthetic images, its input gate
 * calibrated on its validation images as {@code covid train} does.
 */
public final class TinyModels {
    public static final List<String> CLASSES = List.of("COVID-19", "normal", "pneumonia");
    public static final int SIZE = 32;
    /**
     * Side of the images {@link #image} writes: larger than the network input (they are resized like real
     * X-rays) and above the input gate's minimum size.
     */
    public static final int IMAGE_SIZE = 96;

    private TinyModels() {
    }

    /** Trains on synthetic images written under {@code dir} and saves the bundle as {@code dir/model.zip}. */
    public static Path train(Path dir) {
        return train(dir, true);
    }

    /** As {@link #train(Path)}; without {@code calibrate} the bundle is like one written before the input gate. */
    public static Path train(Path dir, boolean calibrate) {
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
            Classifier classifier = model.classifier();
            InputGateCalibration calibration = calibrate ? FeatureCalibration.calibrate(classifier, validation) : null;
            ModelBundle.write(bundle, classifier.manifest().withInputGate(calibration), classifier.exportWeights());
        }
        return bundle;
    }

    /** A synthetic image of class {@code classIndex} (bright band in that third of the image). */
    public static Path image(Path dir, int classIndex) {
        Dataset one = SyntheticImages.write(dir.resolve("img-" + classIndex), CLASSES, 1, IMAGE_SIZE, 99);
        return one.samples().get(classIndex).path();
    }
}
