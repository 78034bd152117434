package org.covidxray.training;

import java.math.BigDecimal;
import java.util.Locale;
import org.covidxray.CovidXrayException;

/**
 * The training loss stopped being a number (NaN or infinite): the steps overshoot, almost always
 * because the learning rate is too high for the data and network. Training cannot go on from such
 * weights; the message says where it happened and suggests a lower learning rate.
 */
public class TrainingDivergedException extends CovidXrayException {
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int batch;
    private final double loss;
    private final double learningRate;

    /**
     * @param epoch the 1-based epoch
     * @param batch the 1-based batch within the epoch
     * @param batchesPerEpoch batches in an epoch
     * @param loss the loss the batch gave
     * @param learningRate the learning rate of the epoch
     */
    public TrainingDivergedException(int epoch, int batch, int batchesPerEpoch, double loss, double learningRate) {
        super(String.format(Locale.ROOT, "Training diverged in epoch %d, batch %d of %d: the loss was %s. Lower the "
                        + "learning rate (it was %s; try %s) and train again.", epoch, batch, batchesPerEpoch, loss,
                plain(learningRate), plain(suggestion(learningRate))));
        this.epoch = epoch;
        this.batch = batch;
        this.loss = loss;
        this.learningRate = learningRate;
    }

    /** The 1-based epoch the loss diverged in. */
    public int epoch() {
        return epoch;
    }

    /** The 1-based batch within {@link #epoch()}. */
    public int batch() {
        return batch;
    }

    public double loss() {
        return loss;
    }

    public double learningRate() {
        return learningRate;
    }

    /** A tenth of the learning rate that diverged: a step small enough to tell whether the rate was the cause. */
    public double suggestedLearningRate() {
        return suggestion(learningRate);
    }

    private static double suggestion(double learningRate) {
        return BigDecimal.valueOf(learningRate).movePointLeft(1).doubleValue();
    }

    /** Decimal notation for the usual rates (0.0001, not 1.0E-4); exponent notation for absurd ones. */
    static String plain(double value) {
        BigDecimal decimal = BigDecimal.valueOf(value).stripTrailingZeros();
        double magnitude = Math.abs(value);
        return magnitude >= 1e-7 && magnitude < 1e7 ? decimal.toPlainString() : decimal.toString();
    }
}
