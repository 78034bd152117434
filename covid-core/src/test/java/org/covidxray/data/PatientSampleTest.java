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
    void perClassIgnoresTheSourceAndZeroKeepsAll() {
        Dataset sampled = PatientSample.perClass(data(), 10, 1);
        assertThat(sampled.countsByClass().get("normal")).isBetween(10, 11);
        assertThat(sampled.countsByClass().get("covid")).isEqualTo(4);
        assertThat(PatientSample.perClass(data(), 0, 1).size()).isEqualTo(48);
    }
}
