package org.covidxray.training;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.covidxray.Version;
import org.covidxray.data.Dataset;
import org.covidxray.engine.Batch;
import org.covidxray.engine.NetworkSpec;
import org.covidxray.engine.StepResult;
import org.covidxray.engine.TrainableNetwork;
import org.covidxray.image.Augmenter;
import org.covidxray.image.ImageTensor;
import org.covidxray.metrics.ConfusionMatrix;
import org.covidxray.metrics.RocAuc;
import org.covidxray.model.Classifier;
import org.covidxray.model.DecisionRule;
import org.covidxray.model.ModelCard;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.TrainingProvenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine-independent training loop: it turns the data set into batches (decoding, caching and
 * augmenting on a background thread so that data loading overlaps the engine's compute), runs the
 * engine's {@link TrainableNetwork#trainStep}, validates after every epoch, keeps the weights of the
 * epoch with the best validation AUC, stops early when asked to, and builds the final classifier with
 * its provenance. Both engines train through this one loop, so their results are comparable.
 *
 * <p>Reproducibility: shuffling and augmentation draw from generators derived from the seed, the
 * epoch and the image index only, so they do not depend on thread timing. What remains
 * nondeterministic is up to the engine (multi-threaded floating-point reductions).
 */
public final class TrainingLoop {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);

    private final TrainingRequest request;
    private final TrainingListener listener;

    public TrainingLoop(TrainingRequest request, TrainingListener listener) {
        this.request = request;
        this.listener = listener == null ? TrainingListener.none() : listener;
    }

    /** Trains and returns the classifier with the kept weights. */
    public TrainedModel run() {
        Dataset train = request.train();
        Dataset validation = request.validation();
        TrainingConfig config = request.config();
        if (train.size() == 0) {
            throw new IllegalArgumentException("The training part of data set '" + train.name() + "' is empty.");
        }
        requireLabels(train);
        if (validation != null) {
            requireLabels(validation);
        }
        List<String> classes = train.classNames();
        float[] classWeights = ClassWeights.of(config.classWeighting(), train.labelIndices(), classes.size());
        NetworkSpec spec = new NetworkSpec(request.architecture(), classes, config, classWeights, request.device());

        // the cache lives on the Java heap: never let it take more than half of it
        long budget = Math.min(request.cacheBudgetBytes(), Runtime.getRuntime().maxMemory() / 2);
        TensorCache trainCache = new TensorCache(train, request.preprocessing(), budget);
        TensorCache validationCache = validation == null || validation.size() == 0 ? null
                : new TensorCache(validation, request.preprocessing(), budget - trainCache.bytes());

        try (TrainableNetwork network = request.backend().createNetwork(spec)) {
            long expected = request.architecture().trainableParameterCount(classes.size());
            long actual = network.trainableParameterCount();
            if (expected != actual) {
                throw new IllegalStateException("Backend " + request.backend().name() + " built " + actual
                        + " trainable parameters; the architecture has " + expected);
            }
            int batchesPerEpoch = (train.size() + config.batchSize() - 1) / config.batchSize();
            listener.onTrainingStart(new TrainingPlan(request.backend().name(), request.device().toString(),
                    config.epochs(), batchesPerEpoch, train.size(), validation == null ? 0 : validation.size(), actual));
            LOG.info("Training {} on {} ({}): {} images, {} validation, {} parameters, classes {}",
                    request.architecture().name(), request.backend().name(), request.device(), train.size(),
                    validation == null ? 0 : validation.size(), actual, classes);

            List<EpochResult> epochs = new ArrayList<>();
            byte[] bestWeights = null;
            int bestEpoch = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            double bestTieBreak = Double.NEGATIVE_INFINITY;
            int sinceBest = 0;
            int firstEpoch = 1;
            TrainingCheckpoint resume = request.resumeFrom();
            if (resume != null) {
                network.importWeights(resume.weights());
                epochs.addAll(resume.history());
                bestWeights = resume.bestWeights();
                bestEpoch = resume.bestEpoch();
                bestScore = resume.bestScore();
                // the tie-break value is minus the kept epoch's validation loss, which the history holds
                bestTieBreak = resume.history().stream().filter(e -> e.epoch() == resume.bestEpoch())
                        .mapToDouble(EpochResult::validationLoss).filter(v -> !Double.isNaN(v))
                        .map(v -> -v).findFirst().orElse(Double.NEGATIVE_INFINITY);
                sinceBest = resume.epochsSinceBest();
                firstEpoch = resume.epoch() + 1;
                LOG.info("Resuming after epoch {} (best so far: epoch {})", resume.epoch(), bestEpoch);
            }
            String stopReason = "completed";
            Augmenter augmenter = config.augmentation() == null ? null
                    : new Augmenter(config.augmentation(), request.preprocessing());

            for (int epoch = firstEpoch; epoch <= config.epochs(); epoch++) {
                double lr = learningRate(config, epoch);
                network.setLearningRate(lr);
                long start = System.nanoTime();
                EpochTotals totals = runEpoch(network, trainCache, augmenter, epoch, batchesPerEpoch);
                if (totals.stopped()) {
                    stopReason = "stopped by user";
                    if (totals.images() == 0 || bestWeights != null) {
                        break;
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                Evaluation eval = validationCache == null ? Evaluation.NONE : evaluate(network, validationCache);
                EpochResult result = new EpochResult(epoch, totals.loss() / Math.max(1, totals.images()),
                        totals.correct() / (double) Math.max(1, totals.images()), eval.loss(), eval.accuracy(),
                        eval.auc(), lr, seconds, totals.images() / seconds);
                epochs.add(result);
                double score = validationCache == null ? epoch
                        : Double.isNaN(eval.auc()) ? -eval.loss() : eval.auc();
                // easy data reaches AUC 1.0 early, while the outputs are still poorly calibrated: among
                // epochs with the same AUC the one with the lower validation loss is better
                double tieBreak = validationCache == null || Double.isNaN(eval.loss()) ? 0 : -eval.loss();
                boolean improved = score > bestScore || (score == bestScore && tieBreak > bestTieBreak);
                if (improved) {
                    bestScore = score;
                    bestTieBreak = tieBreak;
                    bestEpoch = epoch;
                    bestWeights = network.exportWeights();
                    sinceBest = 0;
                } else {
                    sinceBest++;
                }
                listener.onEpochEnd(result, improved);
                LOG.info("Epoch {}/{}: loss {} acc {} | val loss {} acc {} AUC {} | {} img/s{}", epoch,
                        config.epochs(), fmt(result.trainLoss()), fmt(result.trainAccuracy()),
                        fmt(result.validationLoss()), fmt(result.validationAccuracy()), fmt(result.validationAuc()),
                        String.format("%.1f", result.imagesPerSecond()), improved ? " (best)" : "");
                if (totals.stopped()) {
                    break;
                }
                if (request.checkpointSink() != null) {
                    request.checkpointSink().accept(new TrainingCheckpoint(epoch, network.exportWeights(), bestWeights,
                            bestEpoch, bestScore, sinceBest, epochs));
                }
                if (config.earlyStoppingPatience() > 0 && sinceBest >= config.earlyStoppingPatience()) {
                    stopReason = "early stopping";
                    break;
                }
            }
            if (bestWeights != null) {
                network.importWeights(bestWeights);
            }
            TrainingHistory history = new TrainingHistory(epochs, bestEpoch, stopReason);
            listener.onTrainingEnd(history);
            ModelManifest manifest = manifest(network, history);
            Classifier classifier = network.toClassifier(manifest);
            return new TrainedModel(classifier, history);
        }
    }

    private EpochTotals runEpoch(TrainableNetwork network, TensorCache cache, Augmenter augmenter, int epoch,
                                 int batchesPerEpoch) {
        TrainingConfig config = request.config();
        int n = cache.size();
        int[] order = shuffled(n, new SplittableRandom(config.seed() * 31 + epoch));
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(3);
        AtomicBoolean cancel = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                for (int b = 0; b < batchesPerEpoch && !cancel.get(); b++) {
                    int from = b * config.batchSize();
                    int to = Math.min(n, from + config.batchSize());
                    Batch batch = cache.batch(order, from, to, augmenter, config.seed(), epoch);
                    while (!cancel.get() && !queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                        // wait for the consumer
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                try {
                    while (!cancel.get() && !queue.offer(END, 100, TimeUnit.MILLISECONDS)) {
                        // wait for the consumer
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "covid-batch-loader");
        producer.setDaemon(true);
        producer.start();

        double lossSum = 0;
        long correct = 0;
        int images = 0;
        int batchIndex = 0;
        boolean stopped = false;
        long start = System.nanoTime();
        try {
            while (true) {
                Object item = queue.take();
                if (item == END) {
                    break;
                }
                Batch batch = (Batch) item;
                StepResult step = network.trainStep(batch);
                if (!Double.isFinite(step.loss())) {
                    throw new IllegalStateException("Training diverged at epoch " + epoch + ", batch " + batchIndex
                            + " (loss " + step.loss() + "). Lower the learning rate.");
                }
                lossSum += step.loss() * batch.size();
                correct += step.correct();
                images += batch.size();
                double rate = images / ((System.nanoTime() - start) / 1e9);
                listener.onBatchEnd(new BatchEvent(epoch, batchIndex, batchesPerEpoch, step.loss(),
                        lossSum / images, rate));
                batchIndex++;
                if (request.stopSignal().getAsBoolean()) {
                    stopped = true;
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        } finally {
            cancel.set(true);
            queue.clear();
            try {
                producer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure.get() != null) {
            Throwable t = failure.get();
            if (t instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("Loading training images failed: " + t.getMessage(), t);
        }
        return new EpochTotals(lossSum, correct, images, stopped);
    }

    private Evaluation evaluate(TrainableNetwork network, TensorCache cache) {
        int n = cache.size();
        int batchSize = Math.max(1, request.config().batchSize());
        double[][] probabilities = new double[n][];
        int[] labels = new int[n];
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = i;
        }
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            Batch batch = cache.batch(identity, from, to, null, 0, 0);
            float[][] p = network.predict(batch);
            for (int i = from; i < to; i++) {
                float[] row = p[i - from];
                probabilities[i] = new double[row.length];
                for (int c = 0; c < row.length; c++) {
                    probabilities[i][c] = row[c];
                }
                labels[i] = batch.labels()[i - from];
            }
        }
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            loss -= Math.log(Math.max(probabilities[i][labels[i]], 1e-15));
            if (ConfusionMatrix.argmax(probabilities[i]) == labels[i]) {
                correct++;
            }
        }
        return new Evaluation(loss / n, correct / (double) n, RocAuc.oneVsRestMacro(labels, probabilities));
    }

    private ModelManifest manifest(TrainableNetwork network, TrainingHistory history) {
        Dataset train = request.train();
        Dataset validation = request.validation();
        String fingerprint = validation == null ? train.fingerprint()
                : train.merge(validation).fingerprint();
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

    static double learningRate(TrainingConfig config, int epoch) {
        if (!config.cosineSchedule() || config.epochs() == 1) {
            return config.learningRate();
        }
        double progress = (epoch - 1) / (double) config.epochs();
        return config.learningRate() * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
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

    private static final Object END = new Object();

    private record EpochTotals(double loss, long correct, int images, boolean stopped) {
    }

    private record Evaluation(double loss, double accuracy, double auc) {
        static final Evaluation NONE = new Evaluation(Double.NaN, Double.NaN, Double.NaN);
    }
}
