package org.covidxray.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.covidxray.data.SplitAssertions.assertPatientDisjointPartition;
import static org.covidxray.data.SplitAssertions.share;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.covidxray.testing.SharedData;
import org.junit.jupiter.api.Test;

class PatientSplitterTest {

    /** 300 patients with 1 to 5 images each; every third patient is covid. */
    static Dataset synthetic() {
        List<Sample> samples = new ArrayList<>();
        for (int p = 0; p < 300; p++) {
            String label = p % 3 == 0 ? "covid" : "normal";
            for (int i = 0; i <= p % 5; i++) {
                String id = "p" + p + "-" + i + ".png";
                samples.add(new Sample(id, Path.of(id), label, "syn:p" + p, Map.of()));
            }
        }
        return new Dataset("syn", List.of("covid", "normal"), samples);
    }

    @Test
    void partsArePatientDisjointAndNearTheFractions() {
        Dataset dataset = synthetic();

        DatasetSplit split = new PatientSplitter(0.7, 0.15, 0.15, 1).split(dataset);

        assertPatientDisjointPartition(dataset, split.parts());
        assertThat(split.train().size() / (double) dataset.size()).isCloseTo(0.7, within(0.02));
        assertThat(split.validation().size() / (double) dataset.size()).isCloseTo(0.15, within(0.02));
        assertThat(split.test().size() / (double) dataset.size()).isCloseTo(0.15, within(0.02));
        for (Dataset part : split.parts()) {
            assertThat(share(part, "covid")).isCloseTo(share(dataset, "covid"), within(0.03));
            assertThat(part.classNames()).isEqualTo(dataset.classNames());
        }
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        Dataset dataset = synthetic();

        DatasetSplit a = new PatientSplitter(0.7, 0.15, 0.15, 7).split(dataset);
        DatasetSplit b = new PatientSplitter(0.7, 0.15, 0.15, 7).split(dataset);
        DatasetSplit c = new PatientSplitter(0.7, 0.15, 0.15, 8).split(dataset);

        assertThat(b.test().samples()).isEqualTo(a.test().samples());
        assertThat(b.train().fingerprint()).isEqualTo(a.train().fingerprint());
        assertThat(c.test().patients()).isNotEqualTo(a.test().patients());
    }

    @Test
    void splitDoesNotDependOnSampleOrder() {
        Dataset dataset = synthetic();
        List<Sample> reversed = new ArrayList<>(dataset.samples());
        Collections.reverse(reversed);

        DatasetSplit a = new PatientSplitter(0.8, 0.0, 0.2, 3).split(dataset);
        DatasetSplit b = new PatientSplitter(0.8, 0.0, 0.2, 3).split(dataset.withSamples("rev", reversed));

        assertThat(b.test().patients()).containsExactlyInAnyOrderElementsOf(a.test().patients());
        assertThat(a.validation().size()).isZero();
    }

    @Test
    void badFractionsAreRefused() {
        assertThatThrownBy(() -> new PatientSplitter(0.7, 0.2, 0.2, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sum to 1");
        assertThatThrownBy(() -> new PatientSplitter(1.1, -0.1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void realKermanyTrainingSplitIsPatientDisjointReproducibleAndStratified() {
        Dataset kermany = new KermanyDataset().load(DatasetOptions.of(SharedData.require("kaggle-pneumonia/train")));

        DatasetSplit split = new PatientSplitter(0.7, 0.15, 0.15, 42).split(kermany);

        assertPatientDisjointPartition(kermany, split.parts());
        for (Dataset part : split.parts()) {
            assertThat(share(part, "normal")).isCloseTo(share(kermany, "normal"), within(0.02));
        }
        DatasetSplit again = new PatientSplitter(0.7, 0.15, 0.15, 42).split(kermany);
        assertThat(again.test().fingerprint()).isEqualTo(split.test().fingerprint());
        DatasetSplit other = new PatientSplitter(0.7, 0.15, 0.15, 43).split(kermany);
        assertThat(other.test().fingerprint()).isNotEqualTo(split.test().fingerprint());
    }

    @Test
    void realCohenSplitIsPatientDisjointReproducibleAndStratified() {
        Dataset cohen = new CohenMetadataDataset().load(DatasetOptions.of(SharedData.require("cohen-covid-chestxray")));

        DatasetSplit split = new PatientSplitter(0.6, 0.2, 0.2, 42).split(cohen);

        assertPatientDisjointPartition(cohen, split.parts());
        for (Dataset part : split.parts()) {
            // Cohen's patients have up to 8 images each, so the shares can only be roughly kept.
            assertThat(share(part, "covid")).isCloseTo(share(cohen, "covid"), within(0.1));
            assertThat(part.countsByClass().get("normal")).isPositive();
            assertThat(part.countsByClass().get("pneumonia")).isPositive();
        }
        assertThat(new PatientSplitter(0.6, 0.2, 0.2, 42).split(cohen).validation().samples())
                .isEqualTo(split.validation().samples());
        assertThat(new PatientSplitter(0.6, 0.2, 0.2, 1).split(cohen).validation().patients())
                .isNotEqualTo(split.validation().patients());
    }
}
