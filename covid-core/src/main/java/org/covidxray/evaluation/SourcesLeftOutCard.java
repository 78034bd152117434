package org.covidxray.evaluation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.model.Architecture;
import org.covidxray.model.ModelBundle;
import org.covidxray.model.ModelCard;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.TrainingConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts leave-one-source-out results ({@link ModelCard#sourcesLeftOut()}) and cross-validated per-source results
 * ({@link ModelCard#sourcesCrossValidated()}) into a model bundle's card, so that the card of a model says how its
 * recipe did on collections it was not trained on and on every image of the small ones. The results
 * come from other training runs than the bundle's, so they are written only when the bundle was trained
 * with the same recipe: the same network, preprocessing and training settings.
 */
public final class SourcesLeftOutCard {
    private static final Logger LOG = LoggerFactory.getLogger(SourcesLeftOutCard.class);

    private SourcesLeftOutCard() {
    }

    /** One card row per fold: the positive class against the rest on the source left out. */
    public static List<ModelCard.SourceResult> rows(List<LeaveOneSourceOut.Fold> folds) {
        List<ModelCard.SourceResult> rows = new ArrayList<>();
        for (LeaveOneSourceOut.Fold fold : folds) {
            rows.addAll(fold.evaluation().sourceResultsForCard());
        }
        return rows;
    }

    /** One card row per source of a cross-validation: the folds' counts summed, with Wilson intervals. */
    public static List<ModelCard.SourceResult> rows(SourceCrossValidation.Result result) {
        return result.bySource().stream().map(Evaluation::sourceResultForCard).toList();
    }

    /**
     * What differs between the recipe a bundle was trained with and the given one: an empty list when
     * they are the same; otherwise one phrase per difference.
     */
    public static List<String> differences(ModelManifest manifest, Architecture architecture,
                                           PreprocessingConfig preprocessing, TrainingConfig config) {
        List<String> differences = new ArrayList<>();
        if (!Objects.equals(manifest.architecture(), architecture)) {
            differences.add("network " + manifest.architecture() + " (results: " + architecture + ")");
        }
        if (!manifest.preprocessing().equals(preprocessing)) {
            differences.add("preprocessing " + manifest.preprocessing() + " (results: " + preprocessing + ")");
        }
        TrainingConfig trained = manifest.provenance() == null ? null : manifest.provenance().config();
        if (trained == null) {
            differences.add("training settings unknown (the bundle has no provenance)");
        } else if (!trained.equals(config)) {
            differences.add("training settings " + trained + " (results: " + config + ")");
        }
        return differences;
    }

    /**
     * Writes leave-one-source-out {@code rows} into the card of the bundle {@code file} (atomically, replacing
     * earlier such rows), after checking that it was trained with this recipe.
     *
     * @throws EvaluationException when the recipe differs; the message names what differs
     */
    public static void write(Path file, List<ModelCard.SourceResult> rows, Architecture architecture,
                             PreprocessingConfig preprocessing, TrainingConfig config) {
        write(file, card -> card.withSourcesLeftOut(rows), rows.size() + " leave-one-source-out", architecture,
                preprocessing, config);
    }

    /**
     * Writes cross-validated per-source {@code rows} into the card of the bundle {@code file} (atomically,
     * replacing earlier such rows, keeping the leave-one-source-out ones), after checking the recipe.
     *
     * @throws EvaluationException when the recipe differs; the message names what differs
     */
    public static void writeCrossValidated(Path file, List<ModelCard.SourceResult> rows, Architecture architecture,
                                           PreprocessingConfig preprocessing, TrainingConfig config) {
        write(file, card -> card.withSourcesCrossValidated(rows), rows.size() + " cross-validated", architecture,
                preprocessing, config);
    }

    private static void write(Path file, java.util.function.UnaryOperator<ModelCard> change, String what,
                              Architecture architecture, PreprocessingConfig preprocessing, TrainingConfig config) {
        ModelBundle bundle = ModelBundle.read(file);
        ModelManifest manifest = bundle.manifest();
        List<String> differences = differences(manifest, architecture, preprocessing, config);
        if (!differences.isEmpty()) {
            throw new EvaluationException("Model " + file + " was not trained with the recipe of these "
                    + "per-source results, so its card would claim results of another recipe: "
                    + String.join("; ", differences) + ". Train it with the same options, or leave out the card.");
        }
        bundle.withManifest(manifest.withCard(change.apply(manifest.card()))).writeTo(file);
        LOG.info("Wrote {} results into the card of {}", what, file);
    }
}
