package org.covidxray.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitDescriptionTest {
    private static Dataset data(int n) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            samples.add(new Sample("s" + i, Path.of("s" + i + ".png"), i % 2 == 0 ? "a" : "b", "p" + (i / 2), Map.of()));
        }
        return new Dataset("d", List.of("a", "b"), samples);
    }

    @Test
    void theRecordedSplitIsMadeAgainExactly() {
        Dataset all = data(60);
        DatasetSplit split = new PatientSplitter(0.6, 0.2, 0.2, 7).split(all);
        SplitDescription d = split.description();
        assertThat(d.seed()).isEqualTo(7);
        assertThat(d.dataFingerprint()).isEqualTo(all.fingerprint());
        assertThat(d.testImages()).isEqualTo(split.test().size());
        assertThat(d.part(all, "test", "model.zip").samples()).isEqualTo(split.test().samples());
        assertThat(d.part(all, "validation", "model.zip").fingerprint()).isEqualTo(split.validation().fingerprint());
        assertThat(d.describe()).contains("seed 7");
    }

    @Test
    void otherDataIsRefusedNamingBothFingerprints() {
        SplitDescription d = new PatientSplitter(0.6, 0.2, 0.2, 7).split(data(60)).description();
        Dataset other = data(62);
        assertThatThrownBy(() -> d.part(other, "test", "model.zip")).isInstanceOf(DatasetException.class)
                .hasMessageContaining(d.testFingerprint()).hasMessageContaining("model.zip")
                .hasMessageContaining(other.fingerprint());
    }
}
