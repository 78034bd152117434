package org.covidxray.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PatientSampleTest {
    /** Source "big" has 40 normal images of 20 patients, "small" 4 normal and 4 covid. */
    private static Dataset data() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            samples.add(new Sample("b" + i, Path.of("b" + i), "normal", "bp" + i / 2, Map.of(Sample.SOURCE, "big")));
        }
        for (int i = 0; i < 8; i++) {
            samples.add(new Sample("s" + i, Path.of("s" + i), i < 4 ? "normal" : "covid", "sp" + i,
                    Map.of(Sample.SOURCE, "small")));
        }
        return new Dataset("d", List.of("covid", "normal"), samples);
    }

    @Test
    void capsEachSourceAndClassWithWholePatients() {
        Dataset capped = PatientSample.perSourceAndClass(data(), 5, 1);
        long big = capped.samples().stream().filter(s -> s.attribute(Sample.SOURCE).equals("big")).count();
        assertThat(big).as("whole patients of 2 images until at least 5").isEqualTo(6);
        assertThat(capped.samples().stream().filter(s -> s.attribute(Sample.SOURCE).equals("small"))).hasSize(8);
        assertThat(PatientSample.perSourceAndClass(data(), 5, 1).samples()).isEqualTo(capped.samples());
        assertThat(PatientSample.perSourceAndClass(data(), 5, 2).samples()).isNotEqualTo(capped.samples());
    }

    @Test
    void mergedClassesAreRelabelledButStillCappedByTheirOriginalLabels() {
        Dataset merged = data().withClassesMerged(List.of("covid", "normal"), "any");
        assertThat(merged.classNames()).containsExactly("any");
        assertThat(merged.samples()).allMatch(s -> s.label().equals("any"));
        assertThat(merged.get(40).attribute(Sample.ORIGINAL_LABEL)).isEqualTo("normal");
        assertThat(merged.get(47).attribute(Sample.ORIGINAL_LABEL)).isEqualTo("covid");

        // capped before and after the merge: the same images
        List<String> before = PatientSample.perSourceAndClass(data(), 3, 1).samples().stream().map(Sample::id).sorted()
                .toList();
        List<String> after = PatientSample.perSourceAndClass(merged, 3, 1).samples().stream().map(Sample::id).sorted()
                .toList();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void mergingIntoAClassKeptApartOrFromAnUnknownClassIsRefused() {
        Dataset three = new Dataset("t", List.of("covid", "normal", "pneumonia"), data().samples());
        Dataset two = three.withClassesMerged(List.of("normal", "pneumonia"), "other");
        assertThat(two.classNames()).containsExactly("covid", "other");
        assertThat(two.countsByClass()).containsEntry("covid", 4).containsEntry("other", 44);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> three.withClassesMerged(List.of("normal"), "covid"))
                .isInstanceOf(DatasetException.class).hasMessageContaining("already has a class");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> three.withClassesMerged(List.of("virus"), "other"))
                .isInstanceOf(DatasetException.class).hasMessageContaining("'virus'");
    }

    @Test
    void perClassIgnoresTheSourceAndZeroKeepsAll() {
        Dataset sampled = PatientSample.perClass(data(), 10, 1);
        assertThat(sampled.countsByClass().get("normal")).isBetween(10, 11);
        assertThat(sampled.countsByClass().get("covid")).isEqualTo(4);
        assertThat(PatientSample.perClass(data(), 0, 1).size()).isEqualTo(48);
    }
}
