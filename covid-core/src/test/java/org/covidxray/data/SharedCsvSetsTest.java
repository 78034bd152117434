package org.covidxray.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.covidxray.testing.SharedData;
import org.junit.jupiter.api.Test;

/** The shared CSV sets load with the default mappings: Cohen's July 2020 additions, NIH and Hannover. */
class SharedCsvSetsTest {

    @Test
    void cohensJulySetMapsHierarchicalFindingsAndIsItsOwnSource() {
        Path root = SharedData.require("cohen-covid-chestxray-2020-07");
        Dataset july = new CohenMetadataDataset().load(DatasetOptions.builder().setRoot(root)
                .optName("cohen-covid-chestxray-2020-07").build());

        assertThat(july.countsByClass()).containsExactly(Map.entry("covid", 21), Map.entry("normal", 1),
                Map.entry("pneumonia", 38));
        assertThat(july.samples()).filteredOn(s -> s.attribute(Sample.FINDING).equals("Pneumonia/Fungal/Pneumocystis"))
                .isNotEmpty().allMatch(s -> s.label().equals("pneumonia"));
        assertThat(july.samples()).allMatch(s -> s.attribute(Sample.SOURCE).equals("cohen-covid-chestxray-2020-07"))
                .allMatch(s -> s.patientId().startsWith("cohen:"));
        assertThat(july.patients()).hasSize(37);
    }

    @Test
    void nihNoFindingIsNormalAndPneumoniaIsPneumonia() {
        Dataset nih = new CovidNetCsvDataset().load(DatasetOptions.of(SharedData.require("nih-chestxray14-adult")));

        assertThat(nih.countsByClass()).containsExactly(Map.entry("normal", 428), Map.entry("pneumonia", 477));
        assertThat(nih.get(0).attribute(Sample.SOURCE)).isEqualTo("nih-chestxray14-adult");
        assertThat(nih.patients()).hasSize(618);
    }

    @Test
    void hannoversPreAdmissionFilmsAreNeverCovid() {
        Path root = SharedData.require("mhh-covid19");
        Dataset left = new CovidNetCsvDataset().load(DatasetOptions.of(root));
        Dataset kept = new CovidNetCsvDataset().load(DatasetOptions.builder().setRoot(root)
                .optClassMapping(CovidNetCsvDataset.mappingKeepingUnlabelled()).build());

        assertThat(left.countsByClass()).containsExactly(Map.entry("covid", 219));
        assertThat(left.size()).isEqualTo(219);
        assertThat(kept.size()).isEqualTo(221);
        assertThat(kept.samples()).filteredOn(s -> s.label() == null).hasSize(2)
                .allMatch(s -> s.attribute(Sample.FINDING).equals(CovidNetCsvDataset.BEFORE_ADMISSION));
        assertThat(kept.classNames()).containsExactly("covid");
    }
}
