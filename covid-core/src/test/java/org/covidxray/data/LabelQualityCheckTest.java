package org.covidxray.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelQualityCheckTest {

    private static Sample sample(String file, String label) {
        return new Sample(label + "/" + file, Path.of(label, file), label, null, Map.of());
    }

    @Test
    void flagsNormalFilesNamedAsPneumoniaAndTheReverse() {
        Dataset dataset = new Dataset("d", List.of("covid", "normal", "pneumonia"), List.of(
                sample("IM-0115-0001.jpeg", "normal"),
                sample("person1_bacteria_1.jpeg", "normal"),
                sample("person2_virus_3.jpeg", "normal"),
                sample("person3_virus_4.jpeg", "pneumonia"),
                sample("NORMAL2-IM-0383-0001.jpeg", "pneumonia"),
                sample("lancet-case2a.jpg", "covid"),
                sample("IM-0001-0001.jpeg", "covid")));

        List<LabelFinding> findings = new LabelQualityCheck().check(dataset);

        assertThat(findings).extracting(LabelFinding::sampleId).containsExactly(
                "normal/person1_bacteria_1.jpeg", "normal/person2_virus_3.jpeg",
                "pneumonia/NORMAL2-IM-0383-0001.jpeg", "covid/IM-0001-0001.jpeg");
        assertThat(findings.get(0).reason()).contains("bacterial pneumonia");
        assertThat(findings.get(1).reason()).contains("viral pneumonia");
        assertThat(findings.get(2).reason()).contains("says normal");
        assertThat(findings.get(3).reason()).contains("Kermany");
    }

    @Test
    void classNamesAreConfigurable() {
        Dataset dataset = new Dataset("d", List.of("NORMAL"), List.of(sample("person1_bacteria_1.jpeg", "NORMAL")));
        assertThat(new LabelQualityCheck("Normal", "PNEUMONIA").check(dataset)).hasSize(1);
    }
}
