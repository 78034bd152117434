package org.covidxray.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads manifests of older bundle formats as the current one. Format 1 kept the model card as a free
 * JSON object: the decision rule under {@code card.decisionThreshold}, and the positive class's test
 * metrics as keys such as {@code "covid sensitivity"}. Format 2 types both.
 */
final class ManifestUpgrade {
    /** Card keys format 1 used that format 2 types; every other key is kept in {@link ModelCard#extra()}. */
    private static final Set<String> TYPED_V1_KEYS = Set.of("intendedUse", "limitations", "data", "testMetrics",
            "testBySource", "decisionThreshold");
    private static final List<String> TEST_FIELDS = List.of("images", "patients", "accuracy", "macroAuc",
            "positiveClass", "threshold", "thresholdSource", "intervals");

    private ManifestUpgrade() {
    }

    /** The manifest tree in the current format; {@code version} is the file's format version. */
    static ObjectNode toCurrent(ObjectNode tree, int version) {
        if (version == 1) {
            fromVersion1(tree);
        }
        tree.put("formatVersion", ModelManifest.CURRENT_FORMAT_VERSION);
        return tree;
    }

    private static void fromVersion1(ObjectNode tree) {
        JsonNode oldCard = tree.path("card");
        ObjectNode card = tree.objectNode();
        ObjectNode extra = tree.objectNode();
        if (oldCard.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = oldCard.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!TYPED_V1_KEYS.contains(field.getKey())) {
                    extra.set(field.getKey(), field.getValue());
                }
            }
            copy(oldCard, card, "intendedUse");
            copy(oldCard, card, "limitations");
            copy(oldCard, card, "data");
            copy(oldCard, card, "testBySource");
            if (oldCard.path("testMetrics").isObject()) {
                card.set("testMetrics", testMetrics((ObjectNode) oldCard.get("testMetrics")));
            }
            JsonNode rule = oldCard.path("decisionThreshold");
            if (rule.isObject() && rule.path("positiveClass").isTextual() && rule.path("threshold").isNumber()
                    && hasClass(tree, rule.get("positiveClass").asText())) {
                ObjectNode decision = tree.objectNode();
                decision.set("positiveClass", rule.get("positiveClass"));
                decision.set("threshold", rule.get("threshold"));
                decision.put("method", rule.path("method").asText(""));
                tree.set("decisionRule", decision);
            }
        }
        card.set("extra", extra);
        tree.set("card", card);
    }

    /** Format 1 named the positive class's metrics "<class> <metric>"; format 2 keeps them in one map. */
    private static ObjectNode testMetrics(ObjectNode old) {
        ObjectNode test = old.objectNode();
        TEST_FIELDS.forEach(f -> copy(old, test, f));
        String prefix = old.path("positiveClass").asText("") + " ";
        ObjectNode metrics = old.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = old.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().startsWith(prefix) && field.getValue().isObject()) {
                metrics.set(field.getKey().substring(prefix.length()), field.getValue());
            }
        }
        test.set("positiveClassMetrics", metrics);
        return test;
    }

    /** Format 1 fell back to the highest probability when the rule named an unknown class; so does this. */
    private static boolean hasClass(ObjectNode tree, String className) {
        for (JsonNode c : tree.path("classNames")) {
            if (c.asText().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static void copy(JsonNode from, ObjectNode to, String field) {
        if (from.has(field)) {
            to.set(field, from.get(field));
        }
    }
}
