package org.covidxray.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.covidxray.image.ImageTensor;

/**
 * An ensemble: several networks trained for the same task (e.g. with different seeds) whose class
 * probabilities are averaged, image by image, and decided by one rule. Averaging members lowers the
 * run-to-run variation of one training run, which on this project's data is as large as the effect of most
 * recipe changes (docs/experiments.md, section 5).
 *
 * <p>The ensemble speaks through its first member's manifest (classes, preprocessing, backend, card); a new
 * decision rule goes through {@link #withManifest}. It has no single weights file and no feature vector: the
 * feature spaces of separately trained networks are not comparable, so {@link #supportsFeatures()} is false.
 * Closing it closes every member. As thread-safe as its members.
 */
public final class AveragedClassifier implements Classifier {
    private final List<Classifier> members;

    private AveragedClassifier(List<Classifier> members) {
        this.members = members;
    }

    /**
     * The average of {@code members}; closing it closes them.
     *
     * @throws IllegalArgumentException when there are none, or they differ in classes, preprocessing or output kind
     *     (members of different engines may be averaged)
     */
    public static AveragedClassifier of(List<? extends Classifier> members) {
        Objects.requireNonNull(members, "members");
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        ModelManifest first = members.get(0).manifest();
        for (Classifier member : members) {
            ModelManifest m = member.manifest();
            if (!m.classNames().equals(first.classNames()) || !m.preprocessing().equals(first.preprocessing())
                    || m.outputKind() != first.outputKind()) {
                throw new IllegalArgumentException("ensemble members must share classes, preprocessing and output "
                        + "kind: model " + m.modelId() + " has " + m.classNames() + " (" + m.outputKind() + "), model "
                        + first.modelId() + " has " + first.classNames() + " (" + first.outputKind() + ")");
            }
        }
        return new AveragedClassifier(List.copyOf(members));
    }

    /** How many networks are averaged. */
    public int size() {
        return members.size();
    }

    @Override
    public ModelManifest manifest() {
        return members.get(0).manifest();
    }

    @Override
    public List<Prediction> predictProbabilities(List<ImageTensor> images) {
        List<String> classes = classNames();
        double[][] sums = new double[images.size()][classes.size()];
        for (Classifier member : members) {
            List<Prediction> out = member.predictProbabilities(images);
            if (out.size() != images.size()) {
                throw new IllegalStateException("model " + member.manifest().modelId() + " gave " + out.size()
                        + " predictions for " + images.size() + " images");
            }
            for (int i = 0; i < sums.length; i++) {
                for (int c = 0; c < classes.size(); c++) {
                    sums[i][c] += out.get(i).probability(c) / members.size();
                }
            }
        }
        DecisionRule raw = members.get(0).manifest().outputKind().multiLabel()
                ? DecisionRule.perLabel(classes, Map.of(), null) : DecisionRule.argmax();
        List<Prediction> averaged = new ArrayList<>(sums.length);
        for (double[] row : sums) {
            averaged.add(new Prediction(classes, row, raw));
        }
        return averaged;
    }

    /** @throws UnsupportedOperationException always: save each member's bundle instead */
    @Override
    public byte[] exportWeights() {
        throw new UnsupportedOperationException("An ensemble of " + members.size() + " networks has no single "
                + "weights file; save each member's model instead.");
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (Classifier member : members) {
            try {
                member.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
