package org.covidxray.djl;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import org.covidxray.engine.Batch;
import org.covidxray.engine.NetworkSpec;
import org.covidxray.engine.StepResult;
import org.covidxray.engine.TrainableNetwork;
import org.covidxray.model.Architecture;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.OptimizerType;

/**
 * The network during training, on DJL's {@link Trainer}. Every step creates its arrays in a
 * sub-manager that is closed after the optimiser update, so native memory stays flat however long
 * training runs. Not thread-safe: the core training loop calls it from one thread.
 *
 * <p>Reproducibility: the seed initialises the weights and PyTorch's generator (dropout). PyTorch on
 * the CPU can still differ in the last bits between runs with several intra-op threads, because
 * parallel reductions (convolution backward, batch-norm statistics) add in thread-dependent order.
 */
final class DjlTrainableNetwork implements TrainableNetwork {
    private final NetworkSpec spec;
    private final ai.djl.Device device;
    private final Model model;
    private final SequentialBlock block;
    private final Trainer trainer;
    private final MutableLearningRate learningRate;
    /** The classifier with its source head, the model's block, when source-adversarial training is on; else null. */
    private final DjlSourceAdversary adversary;
    private volatile double progress;

    DjlTrainableNetwork(NetworkSpec spec) {
        this.spec = spec;
        DjlEngine.get().setRandomSeed((int) (spec.config().seed() ^ (spec.config().seed() >>> 32)));
        this.device = DjlEngine.toDjl(spec.device());
        Architecture architecture = spec.architecture();
        this.block = DjlNetworks.build(architecture, spec.numClasses());
        this.adversary = spec.config().adversarial()
                ? new DjlSourceAdversary(block, DjlNetworks.featureLength(architecture), spec.numClasses(),
                spec.numSources())
                : null;
        this.learningRate = new MutableLearningRate((float) spec.config().learningRate());
        float weightDecay = (float) spec.config().weightDecay();
        Optimizer optimizer = spec.config().optimizer() == OptimizerType.ADAMW
                ? Optimizer.adamW().optLearningRateTracker(learningRate).optWeightDecays(weightDecay).build()
                : Optimizer.adam().optLearningRateTracker(learningRate).optWeightDecays(weightDecay).build();
        DefaultTrainingConfig config = new DefaultTrainingConfig(
                new DjlWeightedCrossEntropy(spec.classWeights(), spec.numClasses()))
                .optOptimizer(optimizer)
                .optDevices(new ai.djl.Device[] {device});
        this.model = Model.newInstance("covid-" + architecture.name(), device, DjlEngine.ENGINE_NAME);
        try {
            model.setBlock(adversary != null ? adversary : block);
            this.trainer = model.newTrainer(config);
            trainer.initialize(DjlNetworks.inputShape(architecture, 1));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public StepResult trainStep(Batch batch) {
        if (adversary != null) {
            return adversarialStep(batch);
        }
        try (NDManager step = trainer.getManager().newSubManager()) {
            NDArray images = step.create(batch.images(), shape(batch));
            NDArray labels = step.create(toLong(batch.labels()));
            float loss;
            long correct;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray logits = trainer.forward(new NDList(images)).singletonOrThrow();
                NDArray lossValue = trainer.getLoss().evaluate(new NDList(labels), new NDList(logits));
                collector.backward(lossValue);
                loss = lossValue.getFloat();
                correct = logits.argMax(1).eq(labels).sum().getLong();
            }
            trainer.step();
            return new StepResult(loss, (int) correct);
        }
    }

    /**
     * A step with the source head: class loss plus the head's source cross entropy, one backward pass. The
     * head lowers its loss at the optimiser's full rate; the features get the head's gradient reversed and
     * scaled by the ramped weight, i.e. they are trained on class loss - weight x source loss.
     */
    private StepResult adversarialStep(Batch batch) {
        if (!batch.hasSources()) {
            throw new IllegalArgumentException("source-adversarial training needs each image's source; the batch has none");
        }
        for (int s : batch.sources()) {
            if (s < 0 || s >= spec.numSources()) {
                throw new IllegalArgumentException("source index " + s + " outside the " + spec.numSources()
                        + " sources " + spec.sourceNames());
            }
        }
        adversary.setReversal(DjlGradientReversal.ramp(spec.config().adversarialWeight(), progress));
        try (NDManager step = trainer.getManager().newSubManager()) {
            NDArray images = step.create(batch.images(), shape(batch));
            NDArray labels = step.create(toLong(batch.labels()));
            NDArray sources = step.create(toLong(batch.sources()));
            float loss;
            float sourceLoss;
            long correct;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList out = trainer.forward(new NDList(images, labels.oneHot(spec.numClasses())));
                NDArray logits = out.get(0);
                NDArray classLoss = trainer.getLoss().evaluate(new NDList(labels), new NDList(logits));
                NDArray headLoss = out.get(1).logSoftmax(1).mul(sources.oneHot(spec.numSources()))
                        .sum(new int[] {1}).neg().mean();
                collector.backward(classLoss.add(headLoss));
                loss = classLoss.getFloat();
                sourceLoss = headLoss.getFloat();
                correct = logits.argMax(1).eq(labels).sum().getLong();
            }
            trainer.step();
            return new StepResult(loss, (int) correct, sourceLoss);
        }
    }

    @Override
    public void setTrainingProgress(double value) {
        progress = value;
    }

    /** The reversal factor of the last adversarial step (0 without a source head): for tests. */
    float lastReversal() {
        return adversary == null ? 0 : adversary.reversal();
    }

    @Override
    public float[][] predict(Batch batch) {
        return DjlInference.withoutGradients(() -> {
            try (NDManager step = trainer.getManager().newSubManager()) {
                NDArray images = step.create(batch.images(), shape(batch));
                NDArray probabilities = trainer.evaluate(new NDList(images)).singletonOrThrow().softmax(1);
                return DjlTensors.rows(probabilities.toFloatArray(), batch.size(), spec.numClasses());
            }
        });
    }

    @Override
    public void setLearningRate(double value) {
        learningRate.set((float) value);
    }

    @Override
    public byte[] exportWeights() {
        return DjlWeights.export(block);
    }

    @Override
    public void importWeights(byte[] weights) {
        try {
            DjlWeights.load(block, model.getNDManager(), weights);
        } catch (MalformedModelException | IOException e) {
            throw new IllegalArgumentException("Weights do not belong to this network: " + e.getMessage(), e);
        }
        for (Parameter p : block.getParameters().values()) {
            if (p.requiresGradient()) {
                p.getArray().setRequiresGradient(true);
            }
        }
    }

    @Override
    public String weightsFormat() {
        return DjlWeights.FORMAT;
    }

    @Override
    public long trainableParameterCount() {
        return DjlNetworks.trainableParameterCount(block);
    }

    @Override
    public Classifier toClassifier(ModelManifest manifest) {
        return DjlClassifier.fromWeights(manifest, exportWeights(), device, "the trained network");
    }

    /** NDArrays alive in this network's managers (parameters, optimiser state and any leak): for memory checks. */
    int liveArrays() {
        return model.getNDManager().getManagedArrays().size();
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }

    private static Shape shape(Batch batch) {
        return new Shape(batch.size(), batch.channels(), batch.height(), batch.width());
    }

    private static long[] toLong(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** The optimiser's learning rate, changed between epochs by schedules. */
    private static final class MutableLearningRate implements Tracker {
        private volatile float value;

        MutableLearningRate(float value) {
            this.value = value;
        }

        void set(float newValue) {
            value = newValue;
        }

        @Override
        public float getNewValue(int numUpdate) {
            return value;
        }
    }
}
