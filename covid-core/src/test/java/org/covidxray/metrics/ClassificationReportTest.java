package org.covidxray.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationReportTest {
    private static final List<String> NAMES = List.of("normal", "pneumonia", "covid");

    @Test
    void perClassAndAverages() {
        // true 0,0,1,1,2,2 -> predicted 0,1,1,1,2,0
        ClassificationReport r = ClassificationReport.of(NAMES, new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 1, 1, 1, 2, 0});

        assertThat(r.forClass("normal").precision()).isEqualTo(0.5);
        assertThat(r.forClass("pneumonia").precision()).isEqualTo(2 / 3.0);
        assertThat(r.forClass("pneumonia").recall()).isEqualTo(1.0);
        assertThat(r.forClass("covid").precision()).isEqualTo(1.0);
        assertThat(r.forClass("covid").recall()).isEqualTo(0.5);
        assertThat(r.macroAverage().recall()).isEqualTo((0.5 + 1 + 0.5) / 3);
        assertThat(r.accuracy()).isEqualTo(4 / 6.0);
        assertThat(r.weightedAverage().support()).isEqualTo(6);
    }

    @Test
    void undefinedValuesStayUndefinedAndPrintAsNa() {
        ClassificationReport r = ClassificationReport.of(NAMES, new int[] {0, 0, 1}, new int[] {0, 0, 0});

        assertThat(r.forClass("pneumonia").precision()).as("never predicted").isNaN();
        assertThat(r.forClass("pneumonia").recall()).isZero();
        assertThat(r.forClass("covid").recall()).as("no covid image").isNaN();
        assertThat(r.macroAverage().precision()).isNaN();
        assertThat(r.toText()).contains("n/a").doesNotContain("NaN");
    }

    @Test
    void textLooksLikeScikitLearn() {
        String text = ClassificationReport.of(NAMES, new int[] {0, 1, 2, 2}, new int[] {0, 1, 2, 1}).toText();

        assertThat(text.lines().toList()).containsSubsequence(
                "              precision    recall  f1-score   support",
                "      normal       1.00      1.00      1.00         1",
                "       covid       1.00      0.50      0.67         2",
                "    accuracy                           0.75         4",
                "   macro avg       0.83      0.83      0.78         4");
    }
}
