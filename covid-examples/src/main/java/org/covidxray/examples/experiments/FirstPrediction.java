package org.covidxray.examples.experiments;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.covidxray.engine.Backend;
import org.covidxray.engine.Backends;
import org.covidxray.engine.NetworkSpec;
import org.covidxray.engine.TrainableNetwork;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.model.Architecture;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.Prediction;
import org.covidxray.model.TrainingConfig;

/**
 * A fresh JVM that builds the default network on one engine and predicts one image, then exits: the
 * engines experiment times it from process start to exit ("time to first prediction", including JVM
 * start-up and loading the engine's natives). Arguments: backend name, image size, image file.
 */
public final class FirstPrediction {
    private FirstPrediction() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: FirstPrediction BACKEND IMAGE_SIZE IMAGE_FILE");
            System.exit(2);
        }
        Backend backend = Backends.get(args[0]);
        int size = Integer.parseInt(args[1]);
        Architecture architecture = Architecture.defaultCnn(size);
        List<String> classes = List.of("normal", "pneumonia");
        NetworkSpec spec = new NetworkSpec(architecture, classes, TrainingConfig.builder().setEpochs(1).build(), null,
                backend.devices().get(0));
        try (TrainableNetwork network = backend.createNetwork(spec)) {
            ModelManifest manifest = new ModelManifest(ModelManifest.CURRENT_FORMAT_VERSION, "first-prediction",
                    backend.name(), backend.engineVersion(), network.weightsFormat(), architecture, classes,
                    PreprocessingConfig.defaults(size), null, "first-prediction", Instant.now().toString(), null, null);
            try (Classifier classifier = network.toClassifier(manifest)) {
                Prediction p = classifier.predict(Path.of(args[2]));
                System.out.println("first prediction " + p.predictedClass());
            }
        }
    }
}
