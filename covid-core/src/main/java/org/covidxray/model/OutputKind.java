package org.covidxray.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a network's output row means, and so how its scores are read. Recorded in every manifest
 * ({@link ModelManifest#outputKind()}; bundles written before it existed read as {@link #SOFTMAX}).
 *
 * <ul>
 *   <li>{@link #SOFTMAX}: one probability per class, summing to 1 (single-label; every model this
 *       library trains).</li>
 *   <li>{@link #LOGITS}: one unnormalised score per class; the softmax is applied here, after which the
 *       prediction is single-label like {@link #SOFTMAX}.</li>
 *   <li>{@link #SIGMOID}: multi-label; one independent probability in [0, 1] per label (the network's
 *       last operation is a sigmoid, as in torchxrayvision's models). The scores do not sum to 1, and
 *       each label is decided on its own against its threshold ({@link DecisionRule#perLabel}).</li>
 * </ul>
 */
public enum OutputKind {
    SOFTMAX,
    SIGMOID,
    LOGITS;

    /** Whether predictions of this kind are multi-label (independent scores, one decision per label). */
    public boolean multiLabel() {
        return this == SIGMOID;
    }

    /** The lower-case name used in JSON, sidecars and messages. */
    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind named {@code code} (case-insensitive); {@code null} reads as {@link #SOFTMAX}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    @JsonCreator
    public static OutputKind fromCode(String code) {
        if (code == null) {
            return SOFTMAX;
        }
        for (OutputKind kind : values()) {
            if (kind.code().equalsIgnoreCase(code.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown output kind '" + code + "'; use softmax (probabilities that "
                + "sum to 1), logits (softmax applied by covid-xray) or sigmoid (independent per-label probabilities)");
    }

    /**
     * The scores of one raw output row: the softmax of {@link #LOGITS}, the values themselves otherwise.
     *
     * @throws IllegalArgumentException when a value is not finite, or a {@link #SIGMOID} or {@link #SOFTMAX}
     *     value lies outside [0, 1] (the message says which output kind would fit)
     */
    public double[] scores(float[] raw) {
        double[] out = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            if (!Float.isFinite(raw[i])) {
                throw new IllegalArgumentException("output " + i + " is " + raw[i] + "; a classifier must output finite numbers");
            }
            out[i] = raw[i];
        }
        if (this == LOGITS) {
            return softmax(out);
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i] < 0 || out[i] > 1) {
                throw new IllegalArgumentException("output " + i + " is " + out[i] + ", outside [0, 1], which output kind '"
                        + code() + "' cannot be; declare 'logits' for unnormalised single-label scores, or end a "
                        + "multi-label network with a sigmoid before exporting it");
            }
        }
        return out;
    }

    private static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = Math.exp(logits[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }
}
