package org.covidxray.training;

import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.covidxray.engine.Batch;
import org.covidxray.engine.StepResult;
import org.covidxray.engine.TrainableNetwork;
import org.covidxray.image.Augmenter;
import org.covidxray.model.EpochResult;
import org.covidxray.model.TrainingConfig;

/**
 * Trains a network for one epoch: the batches are decoded, cached and augmented on a background thread
 * so that data loading overlaps the engine's compute, and every step is reported to the listener. Stops
 * after the current batch when the stop signal is raised, and throws {@link TrainingDivergedException}
 * when a step's loss is not a number.
 *
 * <p>Reproducibility: shuffling and augmentation draw from generators derived from the seed, the epoch
 * and the image index only, so they do not depend on thread timing.
 */
final class EpochTrainer {
    private static final Object END = new Object();

    private final TrainingConfig config;
    private final TensorCache cache;
    private final Augmenter augmenter;
    private final TrainingListener listener;
    private final BooleanSupplier stopSignal;
    private final int batchesPerEpoch;
    private final EpochOrder order;

    EpochTrainer(TrainingConfig config, TensorCache cache, Augmenter augmenter, TrainingListener listener,
                 BooleanSupplier stopSignal) {
        this.config = config;
        this.cache = cache;
        this.augmenter = augmenter;
        this.listener = listener;
        this.stopSignal = stopSignal;
        this.batchesPerEpoch = (cache.size() + config.batchSize() - 1) / config.batchSize();
        this.order = EpochOrder.of(config.sampling(), cache.dataset());
    }

    int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /**
     * What training one epoch gave.
     *
     * @param epoch the 1-based epoch
     * @param lossSum the sum over images of the batch losses
     * @param correct images whose training-mode output matched the label
     * @param images images trained on (fewer than the epoch's when stopped)
     * @param stopped whether the stop signal cut the epoch short
     * @param learningRate the epoch's learning rate
     * @param seconds how long the epoch took
     * @param sourceLossSum the sum over images of the source-adversarial head's batch losses, NaN without one
     */
    record Totals(int epoch, double lossSum, long correct, int images, boolean stopped, double learningRate,
                  double seconds, double sourceLossSum) {

        /** The source head's mean loss over the epoch's images, NaN without one. */
        double sourceLoss() {
            return sourceLossSum / Math.max(1, images);
        }

        /** The epoch's result with its validation scores. */
        EpochResult result(Validator.Scores validation) {
            return new EpochResult(epoch, lossSum / Math.max(1, images), correct / (double) Math.max(1, images),
                    validation.loss(), validation.accuracy(), validation.auc(), learningRate, seconds,
                    images / seconds);
        }
    }

    /**
     * Sets the epoch's learning rate and trains through one epoch of images, in the order of the
     * configured {@link org.covidxray.model.Sampling}.
     */
    Totals train(TrainableNetwork network, int epoch) {
        double lr = learningRate(config, epoch);
        network.setLearningRate(lr);
        long start = System.nanoTime();
        int n = cache.size();
        int[] order = this.order.draw(new SplittableRandom(config.seed() * 31 + epoch));
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
        double sourceLossSum = 0;
        long correct = 0;
        int images = 0;
        int batchIndex = 0;
        boolean stopped = false;
        try {
            while (true) {
                Object item = queue.take();
                if (item == END) {
                    break;
                }
                Batch batch = (Batch) item;
                network.setTrainingProgress(progress(epoch, batchIndex));
                StepResult step = network.trainStep(batch);
                if (!Double.isFinite(step.loss())) {
                    throw new TrainingDivergedException(epoch, batchIndex + 1, batchesPerEpoch, step.loss(), lr);
                }
                lossSum += step.loss() * batch.size();
                sourceLossSum += step.sourceLoss() * batch.size();
                correct += step.correct();
                images += batch.size();
                double rate = images / ((System.nanoTime() - start) / 1e9);
                listener.onBatchEnd(new BatchEvent(epoch, batchIndex, batchesPerEpoch, step.loss(),
                        lossSum / images, rate));
                batchIndex++;
                if (stopSignal.getAsBoolean()) {
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
        return new Totals(epoch, lossSum, correct, images, stopped, lr, (System.nanoTime() - start) / 1e9,
                sourceLossSum);
    }

    /** Training progress before batch {@code batchIndex} (0-based) of the 1-based {@code epoch}: 0 at the first step. */
    double progress(int epoch, int batchIndex) {
        return ((epoch - 1) * (double) batchesPerEpoch + batchIndex) / ((double) config.epochs() * batchesPerEpoch);
    }

    static double learningRate(TrainingConfig config, int epoch) {
        if (!config.cosineSchedule() || config.epochs() == 1) {
            return config.learningRate();
        }
        double progress = (epoch - 1) / (double) config.epochs();
        return config.learningRate() * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
