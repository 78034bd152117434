package org.covidxray.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.covidxray.testing.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reproduces every value of every scikit-learn golden file in {@code ../shared/golden/metrics} to
 * 1e-9; a {@code null} there must be NaN here (undefined), never 0.
 */
class GoldenMetricsTest {
    private static final double TOLERANCE = 1e-9;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Stream<Path> goldenFiles() throws IOException {
        Path dir = goldenDir();
        if (dir == null) {
            // JUnit refuses an empty source; one null argument lets the test skip with its reason
            return Stream.of((Path) null);
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
        }
        return files.stream();
    }

    private static Path goldenDir() {
        Path data = SharedData.root();
        Path dir = data == null ? null : data.getParent().resolve("golden").resolve("metrics");
        return dir != null && Files.isDirectory(dir) ? dir : null;
    }

    @Test
    void goldenFilesArePresent() throws IOException {
        Assumptions.assumeTrue(goldenDir() != null,
                "skipped: ../shared/golden/metrics not found beside the shared data");
        assertThat(goldenFiles()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void reproducesGoldenFile(Path file) throws IOException {
        Assumptions.assumeTrue(file != null, "skipped: ../shared/golden/metrics not found beside the shared data");
        JsonNode root = MAPPER.readTree(file.toFile());
        JsonNode expected = root.get("expected");
        int[] labels = ints(root.get("labels"));
        List<String> checked = new ArrayList<>();
        if ("binary".equals(root.get("kind").asText())) {
            checkBinary(root, expected, labels, checked);
        } else {
            checkMulticlass(root, expected, labels, checked);
        }
        List<String> fields = new ArrayList<>();
        expected.fieldNames().forEachRemaining(fields::add);
        assertThat(checked).as("every expected field of " + file.getFileName() + " is checked")
                .containsExactlyInAnyOrderElementsOf(fields);
    }

    private static void checkBinary(JsonNode root, JsonNode expected, int[] labels, List<String> checked) {
        assertThat(root.get("positive_label").asInt()).isEqualTo(1);
        double[] scores = doubles(root.get("scores"));
        double threshold = root.get("threshold").asDouble();
        BinaryMetrics m = BinaryMetrics.at(labels, scores, threshold);
        Map<String, Double> actual = Map.of(
                "accuracy", m.accuracy(), "sensitivity", m.sensitivity(), "specificity", m.specificity(),
                "precision", m.precision(), "npv", m.npv(), "f1", m.f1(),
                "brier", BrierScore.binary(labels, scores),
                "roc_auc", RocAuc.binary(labels, scores),
                "average_precision", AveragePrecision.binary(labels, scores));
        for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            JsonNode value = expected.get(field);
            switch (field) {
                case "confusion_matrix" -> assertThat(ConfusionMatrix.ofBinary(labels, scores, threshold).counts())
                        .isDeepEqualTo(intMatrix(value));
                case "roc_curve" -> checkRoc(value, RocCurve.of(labels, scores), expected.get("roc_auc"));
                default -> {
                    assertThat(actual).as("metric " + field + " is computed").containsKey(field);
                    assertValue(field, value, actual.get(field));
                }
            }
            checked.add(field);
        }
    }

    private static void checkRoc(JsonNode roc, RocCurve curve, JsonNode expectedAuc) {
        assertArray("roc_curve.fpr", roc.get("fpr"), curve.fpr());
        assertArray("roc_curve.tpr", roc.get("tpr"), curve.tpr());
        assertArray("roc_curve.thresholds", roc.get("thresholds"), curve.thresholds());
        assertValue("trapezoid area of roc_curve", expectedAuc, curve.auc());
        assertValue("trapezoid area without collinear points", expectedAuc, curve.withoutCollinearPoints().auc());
    }

    private static void checkMulticlass(JsonNode root, JsonNode expected, int[] labels, List<String> checked) {
        List<String> classes = new ArrayList<>();
        root.get("classes").forEach(c -> classes.add(c.asText()));
        double[][] probabilities = doubleMatrix(root.get("probabilities"));
        for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            JsonNode value = expected.get(field);
            switch (field) {
                case "confusion_matrix" -> assertThat(ConfusionMatrix.ofArgmax(labels, probabilities).counts())
                        .isDeepEqualTo(intMatrix(value));
                case "accuracy" -> assertValue(field, value,
                        ConfusionMatrix.ofArgmax(labels, probabilities).accuracy());
                case "classification_report" -> checkReport(value,
                        ClassificationReport.ofArgmax(classes, labels, probabilities));
                case "roc_auc_ovr_macro" -> {
                    assertValue(field, value, OneVsRestAuc.of(classes, labels, probabilities).macro());
                    assertValue("RocAuc.oneVsRestMacro", value, RocAuc.oneVsRestMacro(labels, probabilities));
                }
                case "roc_auc_per_class" -> {
                    OneVsRestAuc auc = OneVsRestAuc.of(classes, labels, probabilities);
                    for (int c = 0; c < classes.size(); c++) {
                        assertValue(field + "." + classes.get(c), value.get(classes.get(c)), auc.of(classes.get(c)));
                        assertValue("ROC curve area of " + classes.get(c), value.get(classes.get(c)),
                                RocCurve.oneVsRest(labels, probabilities, c).auc());
                    }
                }
                case "log_loss" -> assertValue(field, value, LogLoss.of(labels, probabilities));
                default -> throw new AssertionError("golden field not handled by the test: " + field);
            }
            checked.add(field);
        }
    }

    private static void checkReport(JsonNode expected, ClassificationReport report) {
        assertValue("accuracy", expected.get("accuracy"), report.accuracy());
        List<ClassScores> lines = new ArrayList<>(report.classes());
        lines.add(report.macroAverage());
        lines.add(report.weightedAverage());
        for (ClassScores line : lines) {
            JsonNode e = expected.get(line.name());
            assertThat(e).as("golden report has line " + line.name()).isNotNull();
            assertValue(line.name() + ".precision", e.get("precision"), line.precision());
            assertValue(line.name() + ".recall", e.get("recall"), line.recall());
            assertValue(line.name() + ".f1-score", e.get("f1-score"), line.f1());
            assertThat(line.support()).as(line.name() + ".support").isEqualTo(e.get("support").asInt());
        }
        assertThat(expected.size()).as("report lines").isEqualTo(lines.size() + 1);
    }

    private static void assertValue(String name, JsonNode expected, double actual) {
        if (expected == null || expected.isNull()) {
            assertThat(actual).as(name + " is undefined (NaN), not a number").isNaN();
        } else {
            assertThat(actual).as(name).isCloseTo(expected.asDouble(), within(TOLERANCE));
        }
    }

    private static void assertArray(String name, JsonNode expected, double[] actual) {
        assertThat(actual).as(name + " length").hasSize(expected.size());
        for (int i = 0; i < actual.length; i++) {
            assertValue(name + "[" + i + "]", expected.get(i), actual[i]);
        }
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static int[][] intMatrix(JsonNode rows) {
        int[][] out = new int[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = ints(rows.get(i));
        }
        return out;
    }

    private static double[][] doubleMatrix(JsonNode rows) {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubles(rows.get(i));
        }
        return out;
    }
}
