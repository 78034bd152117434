package org.covidxray.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatasetLoadersTest {

    @Test
    void findsEachLayoutByName() {
        assertThat(DatasetLoaders.forLayout("folders")).isInstanceOf(ClassFolderDataset.class);
        assertThat(DatasetLoaders.forLayout("Kermany")).isInstanceOf(KermanyDataset.class);
        assertThat(DatasetLoaders.forLayout(" cohen ")).isInstanceOf(CohenMetadataDataset.class);
        assertThat(DatasetLoaders.forLayout("covidnet")).isInstanceOf(CovidNetCsvDataset.class);
    }

    @Test
    void unknownLayoutListsTheKnownOnes() {
        assertThatThrownBy(() -> DatasetLoaders.forLayout("nih")).isInstanceOf(DatasetException.class)
                .hasMessageContaining("'nih'").hasMessageContaining("[folders, kermany, cohen, covidnet]");
    }

    @Test
    void optionsWithoutRootAreRefused() {
        assertThatThrownBy(() -> DatasetOptions.builder().build()).isInstanceOf(DatasetException.class)
                .hasMessageContaining("setRoot");
    }
}
