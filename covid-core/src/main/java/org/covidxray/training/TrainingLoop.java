package org.covidxray.training;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.covidxray.Version;
import org.covidxray.data.Dataset;
import org.covidxray.engine.NetworkSpec;
import org.covidxray.engine.TrainableNetwork;
import org.covidxray.image.Augmenter;
import org.covidxray.model.Classifier;
import org.covidxray.model.DecisionRule;
import org.covidxray.model.EpochResult;
import org.covidxray.model.ModelCard;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.TrainingConfig;
import org.covidxray.model.TrainingHistory;
import org.covidxray.model.TrainingProvenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine-independent training loop: it trains the engine's {@link TrainableNetwork} epoch by epoch
 * ({@link EpochTrainer}), validates after every epoch ({@link Validator}), keeps the weights of the best
 * epoch ({@link BestEpochKeeping}), applies the epoch-end policies (checkpointing, early stopping), and
 * builds the final classifier with its provenance. Both engines train through this one loop, so their
 * results are comparable.
 *
 * <p>Reproducibility: shuffling and augmentation draw from generators derived from the seed, the
 * epoch and the image index only, so they do not depend on thread timing. What remains
 * nondeterministic is up to the engine (multi-threaded floating-point reductions).
 */
public final class TrainingLoop {
    static final String COMPLETED = "completed";
    static final String STOPPED_BY_USER = "stopped by user";
    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);
    /**
     * The source head's loss per epoch, under a name of its own: programs that show the epochs themselves
     * silence this class's logger, but a source-adversarial run must still show whether its head learns.
     */
    private static final Logger ADVERSARY_LOG = LoggerFactory.getLogger("org.covidxray.training.adversarial");

    private final TrainingRequest request;
    private final TrainingListener listener;

    public TrainingLoop(TrainingRequest request, TrainingListener listener) {
        this.request = request;
        this.listener = listener == null ? TrainingListener.none() : listener;
    }

    /** Trains and returns the classifier with the kept weights. */
    public TrainedModel run() {
        requireLabelledImages();
        TensorCache trainCache = trainCache();
        Validator validator = new Validator(validationCache(trainCache), request.config().batchSize());
        EpochTrainer trainer = new EpochTrainer(request.config(), trainCache, augmenter(), listener,
                request.stopSignal());
        try (TrainableNetwork network = createNetwork()) {
            announce(network, trainer.batchesPerEpoch());
            List<EpochResult> history = new ArrayList<>();
            BestEpochKeeping best = resume(network, history, validator.validates());
            List<EpochEndPolicy> policies = policies(network);
            String stopReason = COMPLETED;
            for (int epoch = firstEpoch(); epoch <= request.config().epochs(); epoch++) {
                EpochTrainer.Totals totals = trainer.train(network, epoch);
                // an epoch cut short by the stop signal is kept only when no earlier epoch's weights were
                if (totals.stopped() && (totals.images() == 0 || best.hasWeights())) {
                    stopReason = STOPPED_BY_USER;
                    break;
                }
                EpochResult result = totals.result(validator.score(network));
                history.add(result);
                boolean improved = best.offer(result, network::exportWeights);
                listener.onEpochEnd(result, improved);
                log(result, improved, totals.sourceLoss());
                if (!Double.isNaN(totals.sourceLoss())) {
                    ADVERSARY_LOG.info("Epoch {}/{}: source head loss {} (class loss {})", result.epoch(),
                            request.config().epochs(), fmt(totals.sourceLoss()), fmt(result.trainLoss()));
                }
                if (totals.stopped()) {
                    stopReason = STOPPED_BY_USER;
                    break;
                }
                Optional<String> stop = afterEpoch(policies, best.epochEnd(history, network::exportWeights));
                if (stop.isPresent()) {
                    stopReason = stop.get();
                    break;
                }
            }
            best.restoreInto(network);
            TrainingHistory trained = new TrainingHistory(history, best.epoch(), stopReason);
            listener.onTrainingEnd(trained);
            Classifier classifier = network.toClassifier(manifest(network, trained));
            return new TrainedModel(classifier, trained);
        }
    }

    private void requireLabelledImages() {
        Dataset train = request.train();
        if (train.size() == 0) {
            throw new IllegalArgumentException("The training part of data set '" + train.name() + "' is empty.");
        }
        requireLabels(train);
        if (request.validation() != null) {
            requireLabels(request.validation());
        }
    }

    /**
     * Whether {@code request}'s training images fit the tensor cache, so that every epoch reads them from memory
     * instead of decoding them again: the cache takes at most the request's budget and half the heap.
     */
    public static boolean cachesTrainingImages(TrainingRequest request) {
        return TensorCache.bytesNeeded(request.train(), request.preprocessing()) <= cacheBudget(request);
    }

    private long cacheBudget() {
        return cacheBudget(request);
    }

    // the caches live on the Java heap: never let them take more than half of it
    private static long cacheBudget(TrainingRequest request) {
        return Math.min(request.cacheBudgetBytes(), Runtime.getRuntime().maxMemory() / 2);
    }

    /** The training images; their batches carry each image's source (index in {@link TensorCache#sourceNames}). */
    private TensorCache trainCache() {
        return new TensorCache(request.train(), request.preprocessing(), cacheBudget(),
                TensorCache.sourceNames(request.train()));
    }

    private TensorCache validationCache(TensorCache trainCache) {
        Dataset validation = request.validation();
        return validation == null || validation.size() == 0 ? null
                : new TensorCache(validation, request.preprocessing(), cacheBudget() - trainCache.bytes());
    }

    private Augmenter augmenter() {
        TrainingConfig config = request.config();
        return config.augmentation() == null ? null : new Augmenter(config.augmentation(), request.preprocessing());
    }

    /** The engine's network, checked to have exactly the architecture's parameter count. */
    private TrainableNetwork createNetwork() {
        List<String> classes = request.train().classNames();
        TrainingConfig config = request.config();
        float[] classWeights = ClassWeights.of(config.classWeighting(), request.train().labelIndices(), classes.size());
        NetworkSpec spec = new NetworkSpec(request.architecture(), classes, config, classWeights, request.device(),
                TensorCache.sourceNames(request.train()));
        TrainableNetwork network = request.backend().createNetwork(spec);
        long expected = request.architecture().trainableParameterCount(classes.size());
        long actual = network.trainableParameterCount();
        if (expected != actual) {
            network.close();
            throw new IllegalStateException("Backend " + request.backend().name() + " built " + actual
                    + " trainable parameters; the architecture has " + expected);
        }
        return network;
    }

    private void announce(TrainableNetwork network, int batchesPerEpoch) {
        Dataset train = request.train();
        int validationImages = request.validation() == null ? 0 : request.validation().size();
        long parameters = network.trainableParameterCount();
        listener.onTrainingStart(new TrainingPlan(request.backend().name(), request.device().toString(),
                request.config().epochs(), batchesPerEpoch, train.size(), validationImages, parameters));
        LOG.info("Training {} on {} ({}): {} images, {} validation, {} parameters, classes {}",
                request.architecture().name(), request.backend().name(), request.device(), train.size(),
                validationImages, parameters, train.classNames());
        if (request.config().adversarial()) {
            LOG.info("Source-adversarial training, weight {}, sources {}", request.config().adversarialWeight(),
                    TensorCache.sourceNames(train));
        }
    }

    /**
     * Starts from the request's checkpoint, if any: its weights go into the network and its history into
     * {@code history}, and best-epoch keeping continues from its kept epoch.
     */
    private BestEpochKeeping resume(TrainableNetwork network, List<EpochResult> history, boolean validated) {
        TrainingCheckpoint checkpoint = request.resumeFrom();
        if (checkpoint == null) {
            return new BestEpochKeeping(validated);
        }
        network.importWeights(checkpoint.weights());
        history.addAll(checkpoint.history());
        LOG.info("Resuming after epoch {} (best so far: epoch {})", checkpoint.epoch(), checkpoint.bestEpoch());
        return BestEpochKeeping.resumedFrom(checkpoint, validated);
    }

    private int firstEpoch() {
        return request.resumeFrom() == null ? 1 : request.resumeFrom().epoch() + 1;
    }

    /** In the order they apply: the checkpoint of an epoch is kept even when early stopping ends the run there. */
    private List<EpochEndPolicy> policies(TrainableNetwork network) {
        List<EpochEndPolicy> policies = new ArrayList<>();
        Checkpointing.of(request, history -> manifest(network, history)).ifPresent(policies::add);
        policies.add(new EarlyStopping(request.config().earlyStoppingPatience()));
        return policies;
    }

    /** Applies every policy, then ends training with the first stop reason any of them gave. */
    private static Optional<String> afterEpoch(List<EpochEndPolicy> policies, EpochEnd end) {
        Optional<String> stop = Optional.empty();
        for (EpochEndPolicy policy : policies) {
            Optional<String> reason = policy.afterEpoch(end);
            if (stop.isEmpty()) {
                stop = reason;
            }
        }
        return stop;
    }

    private void log(EpochResult result, boolean improved, double sourceLoss) {
        LOG.info("Epoch {}/{}: loss {}{} acc {} | val loss {} acc {} AUC {} | {} img/s{}", result.epoch(),
                request.config().epochs(), fmt(result.trainLoss()),
                Double.isNaN(sourceLoss) ? "" : " (source head " + fmt(sourceLoss) + ")", fmt(result.trainAccuracy()),
                fmt(result.validationLoss()), fmt(result.validationAccuracy()), fmt(result.validationAuc()),
                String.format("%.1f", result.imagesPerSecond()), improved ? " (best)" : "");
    }

    private ModelManifest manifest(TrainableNetwork network, TrainingHistory history) {
        Dataset train = request.train();
        Dataset validation = request.validation();
        String fingerprint = request.dataFingerprint();
        EpochResult best = history.best();
        Map<String, Double> validationMetrics = best == null ? Map.of() : mapOf(
                "loss", best.validationLoss(), "accuracy", best.validationAccuracy(), "auc", best.validationAuc());
        TrainingProvenance provenance = new TrainingProvenance(train.name(), fingerprint, train.countsByClass(),
                validation == null ? Map.of() : validation.countsByClass(), train.patients().size(),
                validation == null ? 0 : validation.patients().size(), request.config(), validationMetrics, history,
                null);
        return new ModelManifest(ModelManifest.CURRENT_FORMAT_VERSION, UUID.randomUUID().toString(),
                request.backend().name(), request.backend().engineVersion(), network.weightsFormat(),
                request.architecture(), train.classNames(), request.preprocessing(), provenance, Version.get(),
                Instant.now().toString(), ModelCard.research(), DecisionRule.argmax());
    }

    private static Map<String, Double> mapOf(Object... keyValues) {
        Map<String, Double> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            Double v = (Double) keyValues[i + 1];
            map.put((String) keyValues[i], v == null || v.isNaN() ? null : v);
        }
        return map;
    }

    private static void requireLabels(Dataset dataset) {
        dataset.samples().stream().filter(s -> s.label() == null).findFirst().ifPresent(s -> {
            throw new IllegalArgumentException("Sample " + s.id() + " of data set '" + dataset.name()
                    + "' has no label; training needs labelled images.");
        });
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%.4f", v);
    }
}
