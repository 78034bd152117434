package org.covidxray.examples.cli;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.io.Json;
import org.covidxray.model.EpochResult;
import org.covidxray.model.ModelCard;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.TrainingConfig;
import org.covidxray.model.TrainingProvenance;

/** Prints a model's card (manifest, provenance, card entries) for people. */
final class ModelCardText {
    private ModelCardText() {
    }

    static void print(ModelManifest m, String source, PrintWriter out) {
        out.println("Model card: " + source);
        out.println("  " + Disclaimer.LONG);
        out.println("  id:            " + m.modelId());
        out.println("  backend:       " + m.backend() + " (" + m.backendVersion() + ", weights " + m.weightsFormat() + ")");
        out.println("  created:       " + m.createdAt() + " by covid-xray " + m.libraryVersion());
        if (m.architecture() != null) {
            out.println("  architecture:  " + m.architecture().name() + " " + m.architecture().widths()
                    + (m.architecture().doubleConv() ? " double conv" : "") + ", dropout " + m.architecture().dropout()
                    + ", " + m.architecture().trainableParameterCount(m.classNames().size()) + " parameters");
        }
        out.println("  classes:       " + String.join(", ", m.classNames()));
        var p = m.preprocessing();
        out.println("  input:         " + p.imageSize() + "x" + p.imageSize() + " gray, "
                + (p.centerCrop() ? "centre crop" : "stretched") + (p.equalizeHistogram() ? ", equalised" : "")
                + (p.borderMaskPixels() > 0 ? ", border of " + p.borderMaskPixels() + " px blanked" : "")
                + ", (v - " + p.mean() + ") / " + p.std());
        out.println("  decision:      " + m.decisionRule().describe());
        TrainingProvenance prov = m.provenance();
        if (prov != null) {
            out.println("Training");
            out.println("  data:          " + prov.datasetName() + " (" + prov.datasetFingerprint() + ")");
            out.println("  train:         " + prov.trainCounts() + ", " + prov.trainPatients() + " patients");
            out.println("  validation:    " + prov.validationCounts() + ", " + prov.validationPatients() + " patients");
            TrainingConfig c = prov.config();
            if (c != null) {
                out.println("  settings:      " + c.epochs() + " epochs, batch " + c.batchSize() + ", " + c.optimizer()
                        + " lr " + c.learningRate() + ", seed " + c.seed() + ", class weights "
                        + c.classWeighting().name().toLowerCase(java.util.Locale.ROOT)
                        + (c.augmentation() == null ? ", no augmentation" : c.augmentation().hasLook()
                                ? ", augmentation with look changes" : ", augmentation")
                        + ", sampling " + c.sampling().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                        + (c.adversarial() ? ", source-adversarial weight " + c.adversarialWeight() : ""));
            }
            if (prov.history() != null) {
                List<EpochResult> epochs = prov.history().epochs();
                out.println("  epochs run:    " + epochs.size() + ", kept epoch " + prov.history().bestEpoch()
                        + " (" + prov.history().stopReason() + ")");
            }
            if (prov.validationMetrics() != null && !prov.validationMetrics().isEmpty()) {
                StringBuilder sb = new StringBuilder();
                prov.validationMetrics().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k)
                        .append(' ').append(Text.num(v)));
                out.println("  validation:    " + sb);
            }
        }
        Map<String, Object> card = new java.util.LinkedHashMap<>();
        Json.mapper().convertValue(m.card(), Map.class).forEach((k, v) -> {
            boolean empty = v == null || v instanceof String text && text.isEmpty()
                    || v instanceof Collection<?> list && list.isEmpty() || v instanceof Map<?, ?> map && map.isEmpty();
            if (!empty && !"extra".equals(k)) {
                card.put(String.valueOf(k), v);
            }
        });
        card.remove("testBySource");
        card.remove("sourcesLeftOut");
        card.remove("sourcesCrossValidated");
        card.putAll(m.card().extra());
        if (!card.isEmpty()) {
            out.println("Card");
            card.forEach((key, value) -> printValue(out, "  ", key, value));
        }
        printSources(out, "Held-out patients by source", m.card().testBySource());
        printSources(out, "Each source left out of training (same recipe, other training runs)",
                m.card().sourcesLeftOut());
        printSources(out, "Every source cross-validated over patient folds (same recipe, other training runs)",
                m.card().sourcesCrossValidated());
    }

    private static void printSources(PrintWriter out, String title, List<ModelCard.SourceResult> rows) {
        if (rows.isEmpty()) {
            return;
        }
        out.println(title);
        for (ModelCard.SourceResult r : rows) {
            out.println("  " + r.source() + ": sensitivity " + rate(r.truePositives(), r.positives(), r.sensitivity())
                    + ", specificity " + rate(r.negatives() - r.falsePositives(), r.negatives(), r.specificity()));
        }
    }

    private static String rate(int successes, int trials, ModelCard.Estimate e) {
        return trials == 0 ? "n/a" : successes + "/" + trials + " = " + Text.num(e.value()) + " (95% CI "
                + Text.num(e.low()) + " to " + Text.num(e.high()) + ")";
    }

    private static void printValue(PrintWriter out, String indent, String key, Object value) {
        if (value instanceof Map<?, ?> map && isInterval(map)) {
            out.println(indent + key + ": " + interval(map));
        } else if (value instanceof Map<?, ?> map) {
            out.println(indent + key + ":");
            map.forEach((k, v) -> printValue(out, indent + "  ", String.valueOf(k), v));
        } else if (value instanceof Collection<?> list && list.stream().allMatch(v -> v instanceof String)) {
            out.println(indent + key + ":");
            list.forEach(v -> out.println(indent + "  - " + v));
        } else if (value instanceof Number number) {
            out.println(indent + key + ": " + (value instanceof Double || value instanceof Float
                    ? Text.num(number.doubleValue()) : number));
        } else {
            out.println(indent + key + ": " + (value == null ? "n/a" : value));
        }
    }

    /** A metric with a confidence interval: {value, low, high}. */
    private static boolean isInterval(Map<?, ?> map) {
        return map.containsKey("value") && map.containsKey("low") && map.containsKey("high");
    }

    private static String interval(Map<?, ?> map) {
        return Text.num(asDouble(map.get("value"))) + " (95% CI " + Text.num(asDouble(map.get("low"))) + " to "
                + Text.num(asDouble(map.get("high"))) + ")";
    }

    private static double asDouble(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
