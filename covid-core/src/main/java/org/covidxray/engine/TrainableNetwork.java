package org.covidxray.engine;

import org.covidxray.model.Architecture;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelManifest;

/**
 * An engine's network while it is being trained. The core training loop drives it; the engine only
 * does the tensor work. Not thread-safe: one training loop uses it from one thread.
 */
public interface TrainableNetwork extends AutoCloseable {

    /**
     * One optimisation step: forward in training mode, class-weighted cross entropy, backward,
     * optimiser update. With source-adversarial training ({@code TrainingConfig.adversarialWeight() > 0}) the
     * engine also trains its source head on {@link Batch#sources()} and reports its loss; an engine that cannot
     * refuses such a spec when the network is created.
     *
     * @return the mean (weighted) loss of the batch before the update and the count of correct outputs
     */
    StepResult trainStep(Batch batch);

    /** Class probabilities in inference mode (batch-norm running statistics, no dropout): [n][classes]. */
    float[][] predict(Batch batch);

    /**
     * Where training is, from 0 (first step) to 1 (end of the last epoch); called by the training loop before
     * every step. Engines use it for schedules within the step, e.g. the ramp of source-adversarial training;
     * the default ignores it.
     */
    default void setTrainingProgress(double progress) {
    }

    /** Sets the optimiser's learning rate (used by schedules). */
    void setLearningRate(double learningRate);

    /** The current weights in the engine's own format (the bytes stored in a model bundle). */
    byte[] exportWeights();

    /** Restores weights produced by {@link #exportWeights()} of the same network. */
    void importWeights(byte[] weights);

    /** Name of the weights format of {@link #exportWeights()}, stored in the manifest. */
    String weightsFormat();

    /** Trainable parameters of the built network, to check it against {@link Architecture}. */
    long trainableParameterCount();

    /** An inference classifier holding a copy of the current weights; later training does not change it. */
    Classifier toClassifier(ModelManifest manifest);

    @Override
    void close();
}
