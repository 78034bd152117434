package org.covidxray.model;

import org.covidxray.image.AugmentationConfig;

/**
 * Training settings. Immutable; build with {@link #builder()} ({@code setX} for what is required,
 * {@code optX} for what is optional).
 *
 * @param epochs maximum number of epochs
 * @param batchSize images per optimisation step
 * @param learningRate initial learning rate
 * @param optimizer Adam or AdamW
 * @param weightDecay L2 (Adam) or decoupled (AdamW) weight decay
 * @param seed seeds weight initialisation, shuffling and augmentation
 * @param earlyStoppingPatience stop after this many epochs without a better validation AUC; 0 = never
 * @param classWeighting loss weighting across classes
 * @param augmentation training-time augmentation, or {@code null} for none
 * @param cosineSchedule decay the learning rate along a cosine to 0 over {@code epochs}
 * @param sampling how each epoch draws its training images; {@code null} means {@link Sampling#SHUFFLED}
 *     (bundles written before this setting existed)
 * @param adversarialWeight weight of source-adversarial training (issue 11): a head that names each image's
 *     source from the pooled features and its true class is trained beside the classifier, and the features
 *     receive its gradient reversed and scaled by this weight (ramped up over training as in DANN), so that
 *     they lose what tells the collections apart beyond the class; 0 (the default, and bundles written before
 *     this setting existed, read as NaN) is off. The head is used only in training: the model keeps the classifier alone.
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, OptimizerType optimizer,
                             double weightDecay, long seed, int earlyStoppingPatience,
                             ClassWeighting classWeighting, AugmentationConfig augmentation,
                             boolean cosineSchedule, Sampling sampling, double adversarialWeight) {

    public TrainingConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, was " + batchSize);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, was " + learningRate);
        }
        if (weightDecay < 0) {
            throw new IllegalArgumentException("weight decay must be >= 0, was " + weightDecay);
        }
        if (earlyStoppingPatience < 0) {
            throw new IllegalArgumentException("early-stopping patience must be >= 0, was " + earlyStoppingPatience);
        }
        optimizer = optimizer == null ? OptimizerType.ADAM : optimizer;
        classWeighting = classWeighting == null ? ClassWeighting.NONE : classWeighting;
        sampling = sampling == null ? Sampling.SHUFFLED : sampling;
        // settings written before this one existed have no value, which Jackson reads as NaN: off
        adversarialWeight = Double.isNaN(adversarialWeight) ? 0 : adversarialWeight;
        if (!(adversarialWeight >= 0) || Double.isInfinite(adversarialWeight)) {
            throw new IllegalArgumentException("adversarial weight must be a number >= 0, was " + adversarialWeight);
        }
    }

    /** Settings without source-adversarial training (the record's form before that setting existed). */
    public TrainingConfig(int epochs, int batchSize, double learningRate, OptimizerType optimizer,
                          double weightDecay, long seed, int earlyStoppingPatience,
                          ClassWeighting classWeighting, AugmentationConfig augmentation,
                          boolean cosineSchedule, Sampling sampling) {
        this(epochs, batchSize, learningRate, optimizer, weightDecay, seed, earlyStoppingPatience, classWeighting,
                augmentation, cosineSchedule, sampling, 0);
    }

    /** Whether source-adversarial training is on ({@link #adversarialWeight()} above 0). */
    public boolean adversarial() {
        return adversarialWeight > 0;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.learningRate = learningRate;
        b.optimizer = optimizer;
        b.weightDecay = weightDecay;
        b.seed = seed;
        b.patience = earlyStoppingPatience;
        b.classWeighting = classWeighting;
        b.augmentation = augmentation;
        b.cosine = cosineSchedule;
        b.sampling = sampling;
        b.adversarialWeight = adversarialWeight;
        return b;
    }

    /** Builder with the library's defaults: 10 epochs, batch 32, Adam 1e-3, seed 42, no augmentation. */
    public static final class Builder {
        private int epochs = 10;
        private int batchSize = 32;
        private double learningRate = 1e-3;
        private OptimizerType optimizer = OptimizerType.ADAM;
        private double weightDecay;
        private long seed = 42;
        private int patience;
        private ClassWeighting classWeighting = ClassWeighting.NONE;
        private AugmentationConfig augmentation;
        private boolean cosine;
        private Sampling sampling = Sampling.SHUFFLED;
        private double adversarialWeight;

        public Builder setEpochs(int value) {
            epochs = value;
            return this;
        }

        public Builder optBatchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder optLearningRate(double value) {
            learningRate = value;
            return this;
        }

        public Builder optOptimizer(OptimizerType value) {
            optimizer = value;
            return this;
        }

        public Builder optWeightDecay(double value) {
            weightDecay = value;
            return this;
        }

        public Builder optSeed(long value) {
            seed = value;
            return this;
        }

        public Builder optEarlyStoppingPatience(int value) {
            patience = value;
            return this;
        }

        public Builder optClassWeighting(ClassWeighting value) {
            classWeighting = value;
            return this;
        }

        public Builder optAugmentation(AugmentationConfig value) {
            augmentation = value;
            return this;
        }

        public Builder optCosineSchedule(boolean value) {
            cosine = value;
            return this;
        }

        public Builder optSampling(Sampling value) {
            sampling = value;
            return this;
        }

        /** Source-adversarial training with this weight; 0 = off (see {@link TrainingConfig#adversarialWeight()}). */
        public Builder optAdversarialWeight(double value) {
            adversarialWeight = value;
            return this;
        }

        public TrainingConfig build() {
            return new TrainingConfig(epochs, batchSize, learningRate, optimizer, weightDecay, seed, patience,
                    classWeighting, augmentation, cosine, sampling, adversarialWeight);
        }
    }
}
