package org.covidxray.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;
import org.covidxray.testing.FunctionClassifier;
import org.covidxray.testing.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaveOneSourceOutTest {
    private static final List<String> CLASSES = List.of("covid", "normal");

    /** P(covid) rises with the brightness of the left half (bright for covid in {@link SyntheticImages}). */
    private static FunctionClassifier leftHalf() {
        return new FunctionClassifier(CLASSES, 16, null, t -> {
            double left = 0;
            for (int y = 0; y < t.height(); y++) {
                for (int x = 0; x < t.width() / 2; x++) {
                    left += t.get(0, y, x);
                }
            }
            double p = 1 / (1 + Math.exp(-left / (t.height() * t.width())));
            return new double[] {p, 1 - p};
        });
    }

    /** 8 covid and 8 normal images from "a", 6 covid from "b", 6 normal from "c"; one patient of "b" also in "a". */
    private static Dataset data(Path dir) {
        Dataset images = SyntheticImages.write(dir, CLASSES, 14, 16, 3);
        List<Sample> samples = new ArrayList<>();
        int covid = 0;
        int normal = 0;
        for (Sample s : images.samples()) {
            String source;
            if (s.label().equals("covid")) {
                source = covid++ < 8 ? "a" : "b";
            } else {
                source = normal++ < 8 ? "a" : "c";
            }
            String patient = s.id().equals("covid-0.png") || s.id().equals("covid-8.png") ? "shared" : s.patientId();
            samples.add(new Sample(s.id(), s.path(), s.label(), patient, Map.of(Sample.SOURCE, source)));
        }
        return images.withSamples("three-sources", samples);
    }

    @Test
    void eachSourceIsLeftOutOfTrainingWithItsPatientsAndEvaluatedWhole(@TempDir Path dir) {
        Dataset data = data(dir);
        assertThat(LeaveOneSourceOut.sources(data)).containsExactly("a", "b", "c");
        List<Set<String>> trainedOn = new ArrayList<>();
        List<FunctionClassifier> models = new ArrayList<>();
        List<LeaveOneSourceOut.Fold> folds = new LeaveOneSourceOut(0.3, 5, "covid").run(data, List.of("b", "c"),
                (train, validation, heldOut) -> {
                    Set<String> sources = new HashSet<>();
                    train.samples().forEach(s -> sources.add(s.attribute(Sample.SOURCE) + ":" + s.patientId()));
                    validation.samples().forEach(s -> sources.add(s.attribute(Sample.SOURCE) + ":" + s.patientId()));
                    trainedOn.add(sources);
                    FunctionClassifier model = leftHalf();
                    models.add(model);
                    return model;
                });
        assertThat(trainedOn.get(0)).noneMatch(s -> s.startsWith("b:")).doesNotContain("a:shared");
        assertThat(trainedOn.get(1)).noneMatch(s -> s.startsWith("c:")).contains("a:shared");
        assertThat(models).allMatch(FunctionClassifier::closed);

        LeaveOneSourceOut.Fold b = folds.get(0);
        assertThat(b.source()).isEqualTo("b");
        assertThat(b.evaluation().report().images()).isEqualTo(6);
        assertThat(b.sensitivity().trials()).isEqualTo(6);
        assertThat(b.specificity().trials()).isZero();
        assertThat(b.rule().positiveClass()).isEqualTo("covid");
        assertThat(b.rule().method()).contains("validation");
        assertThat(b.trainImages() + b.validationImages()).isEqualTo(28 - 6 - 1);
        LeaveOneSourceOut.Fold c = folds.get(1);
        assertThat(c.specificity().trials()).isEqualTo(6);
        assertThat(c.specificity().successes()).as("the left-third score separates the synthetic classes").isEqualTo(6);
    }

    @Test
    void aTrainingSelectionShrinksTrainingButNotTheHeldOutSource(@TempDir Path dir) {
        Dataset data = data(dir);
        LeaveOneSourceOut.Fold b = new LeaveOneSourceOut(0.3, 5, "covid")
                .withTrainingSelection(rest -> rest.filter("only-a", s -> s.attribute(Sample.SOURCE).equals("a")))
                .runOne(data, "b", (t, v, s) -> leftHalf());
        assertThat(b.trainImages() + b.validationImages()).isEqualTo(16 - 1);
        assertThat(b.evaluation().report().images()).isEqualTo(6);
    }

    @Test
    void anUnknownSourceIsRefusedNamingTheKnownOnes(@TempDir Path dir) {
        Dataset data = data(dir);
        assertThatThrownBy(() -> new LeaveOneSourceOut(0.3, 5, "covid").runOne(data, "nih", (t, v, s) -> leftHalf()))
                .isInstanceOf(EvaluationException.class).hasMessageContaining("[a, b, c]");
    }
}
