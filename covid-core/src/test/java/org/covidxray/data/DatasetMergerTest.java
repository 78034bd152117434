package org.covidxray.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.covidxray.testing.SharedData;
import org.junit.jupiter.api.Test;

class DatasetMergerTest {

    private static Dataset part(String name, String source, String... labelsAndFiles) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < labelsAndFiles.length; i += 2) {
            String file = labelsAndFiles[i + 1];
            samples.add(new Sample(file, Path.of("/data", source, file), labelsAndFiles[i], source + ":" + file,
                    Map.of(Sample.SOURCE, source)));
        }
        List<String> classes = samples.stream().map(Sample::label).distinct().sorted().toList();
        return new Dataset(name, classes, samples);
    }

    @Test
    void mergesSelectedClassesInTheFixedOrder() {
        Dataset a = part("a", "cohen", "covid", "x.jpg", "pneumonia", "y.jpg");
        Dataset b = part("b", "kermany", "normal", "x.jpg", "pneumonia", "z.jpg");

        Dataset merged = DatasetMerger.withClasses("covid", "normal", "pneumonia").add(a, "covid").add(b).merge("m");

        assertThat(merged.classNames()).containsExactly("covid", "normal", "pneumonia");
        assertThat(merged.samples()).extracting(Sample::label).containsExactly("covid", "normal", "pneumonia");
        // b's x.jpg collides with a's id x.jpg, so it is prefixed with its part's name
        assertThat(merged.samples()).extracting(Sample::id).containsExactly("x.jpg", "b/x.jpg", "z.jpg");
        assertThat(merged.labelIndices()).containsExactly(0, 1, 2);
    }

    @Test
    void refusesClassesOutsideTheOrderAndTheSameFileTwice() {
        Dataset a = part("a", "cohen", "covid", "x.jpg");
        assertThatThrownBy(() -> DatasetMerger.withClasses("normal").add(a)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("[covid]");
        assertThatThrownBy(() -> DatasetMerger.withClasses("covid").add(a, "normal"))
                .isInstanceOf(DatasetException.class).hasMessageContaining("no classes [normal]");
        assertThatThrownBy(() -> DatasetMerger.withClasses("covid").add(a).add(a).merge("twice"))
                .isInstanceOf(DatasetException.class).hasMessageContaining("x.jpg").hasMessageContaining("both");
    }

    @Test
    void cohenCovidPlusKermanyNormalAndPneumoniaMakeThreeClassesWithoutPatientCollisions() {
        Dataset cohen = new CohenMetadataDataset().load(DatasetOptions.builder()
                .setRoot(SharedData.require("cohen-covid-chestxray")).optViews("PA", "AP").build());
        Dataset kermany = new KermanyDataset().load(DatasetOptions.of(SharedData.require("kaggle-pneumonia/train")));

        Dataset merged = DatasetMerger.withClasses("covid", "normal", "pneumonia")
                .add(cohen, "covid").add(kermany).merge("cohen-covid+kermany");

        assertThat(merged.classNames()).containsExactly("covid", "normal", "pneumonia");
        assertThat(merged.countsByClass()).containsExactly(Map.entry("covid", cohen.countsByClass().get("covid")),
                Map.entry("normal", 1341), Map.entry("pneumonia", 3875));
        Set<String> cohenPatients = new HashSet<>(merged.filter("c", s -> s.label().equals("covid")).patients());
        Set<String> kermanyPatients = kermany.patients();
        assertThat(cohenPatients).doesNotContainAnyElementsOf(kermanyPatients);
        assertThat(merged.patients()).hasSize(cohenPatients.size() + kermanyPatients.size());
        assertThat(DatasetSummary.of(merged).imagesBySource()).containsOnlyKeys("cohen", "kermany");
    }
}
