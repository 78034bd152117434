package org.covidxray.examples.options;

import java.util.Locale;
import org.covidxray.examples.common.UserException;
import org.covidxray.image.AugmentationConfig;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.model.Architecture;
import org.covidxray.model.ClassWeighting;
import org.covidxray.model.OptimizerType;
import org.covidxray.model.Sampling;
import org.covidxray.model.TrainingConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * How a network is built, fed and trained: architecture, input size and preprocessing, and the
 * training settings. {@code covid train}, every experiment and the engine benchmark take these, so a
 * setting means the same everywhere.
 */
public final class TrainingOptions {
    @Option(names = "--arch", paramLabel = "cnn4|vgg5", defaultValue = "cnn4",
            description = "Network preset (default: ${DEFAULT-VALUE}).")
    private String arch;

    // --size is the engine benchmark's older name, kept so that its command lines still work
    @Option(names = {"--image-size", "--size"}, paramLabel = "PX", defaultValue = "224",
            description = "Input side in pixels (default: ${DEFAULT-VALUE}).")
    private int imageSize;

    @Option(names = "--center-crop", description = "Scale the shorter side and crop the centre instead of stretching.")
    private boolean centerCrop;

    @Option(names = "--equalize", description = "Histogram-equalise images before resizing.")
    private boolean equalize;

    @Option(names = "--mask-border", paramLabel = "SHARE", defaultValue = "0",
            description = "Blank this share of the side at each edge of the resized input, where text, markers and "
                    + "collimation edges are (e.g. 0.1; default: ${DEFAULT-VALUE} = none).")
    private float maskBorder;

    @Option(names = "--epochs", defaultValue = "10", description = "Maximum epochs per training run (default: ${DEFAULT-VALUE}).")
    private int epochs;

    // --batch is the engine benchmark's older name, kept likewise
    @Option(names = {"--batch-size", "--batch"}, defaultValue = "32", description = "Images per step (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--lr", defaultValue = "0.001", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    private double learningRate;

    @Option(names = "--optimizer", defaultValue = "adam", description = "adam or adamw (default: ${DEFAULT-VALUE}).")
    private OptimizerType optimizer;

    @Option(names = "--weight-decay", defaultValue = "0", description = "Weight decay (default: ${DEFAULT-VALUE}).")
    private double weightDecay;

    @Option(names = "--cosine", description = "Cosine learning-rate decay over the epochs.")
    private boolean cosine;

    @Option(names = "--patience", defaultValue = "0",
            description = "Stop after this many epochs without a better validation AUC (default: ${DEFAULT-VALUE} = never).")
    private int patience;

    @Option(names = "--augment", description = "Small random rotations, scaling, shifts, brightness and contrast changes while training.")
    private boolean augment;

    @Option(names = "--augment-look", description = "While training, change each image's look at random: gamma "
            + "0.625-1.6, contrast 0.6-1.4, blur up to 1.5 px, noise up to 0.05, each on half the draws (with or "
            + "without --augment).")
    private boolean augmentLook;

    @Option(names = "--class-weights", paramLabel = "none|balanced", defaultValue = "none",
            description = "Weigh the loss by inverse class frequency (balanced) or not (default: ${DEFAULT-VALUE}).")
    private ClassWeighting classWeights;

    @Option(names = "--sampling", paramLabel = "shuffled|balanced-sources", defaultValue = "shuffled",
            converter = SamplingConverter.class,
            description = "Each image once per epoch (shuffled), or draws with replacement giving every class and, "
                    + "within a class, every source the same share (balanced-sources) (default: ${DEFAULT-VALUE}).")
    private Sampling sampling;

    @Option(names = "--adversarial-weight", paramLabel = "W", defaultValue = "0",
            description = "Source-adversarial training: a head names each image's source from the features and its "
                    + "true class, and the features are pushed, with this weight (ramped up as in DANN), to hide it "
                    + "(e.g. 0.3; DJL backend only; default: ${DEFAULT-VALUE} = off).")
    private double adversarialWeight;

    @Option(names = "--cache-mb", defaultValue = "2048",
            description = "Memory for preprocessed training images in MB (default: ${DEFAULT-VALUE}).")
    private long cacheMb;

    public String arch() {
        return arch;
    }

    public int imageSize() {
        return imageSize;
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    public double learningRate() {
        return learningRate;
    }

    public boolean augment() {
        return augment;
    }

    public boolean cosine() {
        return cosine;
    }

    public boolean centerCrop() {
        return centerCrop;
    }

    public boolean equalize() {
        return equalize;
    }

    public ClassWeighting classWeights() {
        return classWeights;
    }

    public Sampling sampling() {
        return sampling;
    }

    public double adversarialWeight() {
        return adversarialWeight;
    }

    /**
     * Refuses {@code --adversarial-weight} above 0 on a backend without source-adversarial training, before any
     * data is read.
     */
    public void requireSupportedBy(org.covidxray.engine.Backend backend) {
        if (adversarialWeight > 0 && !backend.supportsAdversarialTraining()) {
            throw new UserException("--adversarial-weight: the " + backend.name() + " backend has no source-adversarial "
                    + "training; use the DJL backend (--backend djl) or leave the option at 0.");
        }
    }

    /** The memory budget for preprocessed images, in bytes. */
    public long cacheBytes() {
        return cacheMb << 20;
    }

    /** The {@code --arch} preset at {@code --image-size}; an unknown preset is a mistake that names the option. */
    public Architecture architecture() {
        if (imageSize < 16) {
            throw new UserException("--image-size must be at least 16 pixels, not " + imageSize + ".");
        }
        try {
            return Architecture.preset(arch, imageSize);
        } catch (IllegalArgumentException e) {
            throw new UserException("--arch " + arch + ": " + e.getMessage(), e);
        }
    }

    /** The preprocessing at {@code --image-size}, with {@code --center-crop}, {@code --equalize} and {@code --mask-border}. */
    public PreprocessingConfig preprocessing() {
        if (!(maskBorder >= 0 && maskBorder < 0.5f)) {
            throw new UserException("--mask-border must be at least 0 and below 0.5 (a share of the side), not "
                    + maskBorder + ".");
        }
        return PreprocessingConfig.defaults(imageSize).withCenterCrop(centerCrop).withEqualizeHistogram(equalize)
                .withBorderMask(maskBorder);
    }

    /** The training settings with this seed; a builder, so that a caller can vary one run (e.g. its epochs). */
    public TrainingConfig.Builder config(long seed) {
        if (!(adversarialWeight >= 0) || Double.isInfinite(adversarialWeight)) {
            throw new UserException("--adversarial-weight must be a number of at least 0, not " + adversarialWeight + ".");
        }
        if (epochs < 1 || batchSize < 1) {
            throw new UserException("--epochs and --batch-size must be at least 1; were " + epochs + " and "
                    + batchSize + ".");
        }
        return TrainingConfig.builder().setEpochs(epochs).optBatchSize(batchSize).optLearningRate(learningRate)
                .optOptimizer(optimizer).optWeightDecay(weightDecay).optSeed(seed).optEarlyStoppingPatience(patience)
                .optClassWeighting(classWeights).optAugmentation(augmentation())
                .optCosineSchedule(cosine).optSampling(sampling).optAdversarialWeight(adversarialWeight);
    }

    /** The augmentation of {@code --augment} and {@code --augment-look}, or null for none. */
    public AugmentationConfig augmentation() {
        if (augmentLook) {
            return augment ? AugmentationConfig.defaults().withLookDefaults() : AugmentationConfig.lookDefaults();
        }
        return augment ? AugmentationConfig.defaults() : null;
    }

    /** {@code balanced-sources} (or {@code BALANCED_SOURCES}) to {@link Sampling#BALANCED_SOURCES}. */
    static final class SamplingConverter implements CommandLine.ITypeConverter<Sampling> {
        @Override
        public Sampling convert(String value) {
            try {
                return Sampling.valueOf(value.trim().replace('-', '_').toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value
                        + "' is not a sampling; use shuffled or balanced-sources");
            }
        }
    }
}
