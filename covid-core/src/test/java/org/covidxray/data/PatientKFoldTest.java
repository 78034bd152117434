package org.covidxray.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.covidxray.data.SplitAssertions.assertPatientDisjointPartition;
import static org.covidxray.data.SplitAssertions.share;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.covidxray.testing.SharedData;
import org.junit.jupiter.api.Test;

class PatientKFoldTest {

    @Test
    void everyPatientIsTestedExactlyOnceAndNeverTrainedOnInItsFold() {
        Dataset dataset = PatientSplitterTest.synthetic();

        List<Fold> folds = new PatientKFold(5, 11).split(dataset);

        assertThat(folds).hasSize(5).extracting(Fold::index).containsExactly(0, 1, 2, 3, 4);
        assertPatientDisjointPartition(dataset, folds.stream().map(Fold::test).toList());
        for (Fold fold : folds) {
            assertPatientDisjointPartition(dataset, List.of(fold.train(), fold.test()));
            assertThat(fold.test().size()).isCloseTo(dataset.size() / 5, within(3));
            assertThat(share(fold.test(), "covid")).isCloseTo(share(dataset, "covid"), within(0.03));
        }
    }

    @Test
    void sameSeedSameFoldsOtherSeedOtherFolds() {
        Dataset dataset = PatientSplitterTest.synthetic();
        List<Fold> a = new PatientKFold(4, 1).split(dataset);
        List<Fold> b = new PatientKFold(4, 1).split(dataset);
        List<Fold> c = new PatientKFold(4, 2).split(dataset);
        for (int f = 0; f < 4; f++) {
            assertThat(b.get(f).test().samples()).isEqualTo(a.get(f).test().samples());
        }
        assertThat(c.get(0).test().patients()).isNotEqualTo(a.get(0).test().patients());
    }

    @Test
    void bySourceAndClassSpreadsASmallSourceOverEveryFold() {
        Dataset base = PatientSplitterTest.synthetic();
        // patients 0-29 form a small source: 10 covid patients of 1-5 images (30 images), 20 normal (60)
        List<Sample> samples = base.samples().stream().map(s -> new Sample(s.id(), s.path(), s.label(),
                s.patientId(), Map.of(Sample.SOURCE,
                        Integer.parseInt(s.patientId().substring("syn:p".length())) < 30 ? "small" : "big"))).toList();
        Dataset dataset = base.withSamples("two-sources", samples);

        List<Fold> folds = new PatientKFold(5, 3).bySourceAndClass().split(dataset);

        assertPatientDisjointPartition(dataset, folds.stream().map(Fold::test).toList());
        List<Long> smallNormal = new java.util.ArrayList<>();
        for (Fold fold : folds) {
            assertThat(count(fold.test(), "small", "covid")).as("fold %d", fold.index()).isEqualTo(6);
            smallNormal.add(count(fold.test(), "small", "normal"));
            assertThat(share(fold.test(), "covid")).isCloseTo(share(dataset, "covid"), within(0.05));
        }
        assertThat(java.util.Collections.max(smallNormal) - java.util.Collections.min(smallNormal))
                .as("small normal images per fold %s", smallNormal).isLessThanOrEqualTo(5);
    }

    private static long count(Dataset part, String source, String label) {
        return part.samples().stream().filter(s -> s.attribute(Sample.SOURCE).equals(source) && s.label().equals(label))
                .count();
    }

    @Test
    void tooFewPatientsOrFoldsAreRefused() {
        assertThatThrownBy(() -> new PatientKFold(1, 0)).isInstanceOf(IllegalArgumentException.class);
        Dataset tiny = PatientSplitterTest.synthetic().filter("tiny", s -> s.patientId().matches("syn:p[0-2]"));
        assertThatThrownBy(() -> new PatientKFold(5, 0).split(tiny)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("3 patients");
    }

    @Test
    void realKermanyFoldsArePatientDisjoint() {
        Dataset kermany = new KermanyDataset().load(DatasetOptions.of(SharedData.require("kaggle-pneumonia/train")));

        List<Fold> folds = new PatientKFold(5, 42).split(kermany);

        assertPatientDisjointPartition(kermany, folds.stream().map(Fold::test).toList());
        Set<String> tested = new HashSet<>();
        for (Fold fold : folds) {
            assertPatientDisjointPartition(kermany, List.of(fold.train(), fold.test()));
            assertThat(share(fold.test(), "normal")).isCloseTo(share(kermany, "normal"), within(0.02));
            tested.addAll(fold.test().patients());
        }
        assertThat(tested).isEqualTo(kermany.patients());
    }

    @Test
    void realCohenFoldsArePatientDisjoint() {
        Dataset cohen = new CohenMetadataDataset().load(DatasetOptions.of(SharedData.require("cohen-covid-chestxray")));

        List<Fold> folds = new PatientKFold(5, 42).split(cohen);

        assertPatientDisjointPartition(cohen, folds.stream().map(Fold::test).toList());
        folds.forEach(f -> assertPatientDisjointPartition(cohen, List.of(f.train(), f.test())));
    }
}
