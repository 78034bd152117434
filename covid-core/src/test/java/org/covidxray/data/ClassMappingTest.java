package org.covidxray.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClassMappingTest {

    @Test
    void identityKeepsLabels() {
        assertThat(ClassMapping.identity().apply("Covid")).contains("Covid");
        assertThat(ClassMapping.identity().isIdentity()).isTrue();
    }

    @Test
    void mapsIgnoringCaseAndSpacesAndFallsBack() {
        ClassMapping mapping = ClassMapping.builder().map("No Finding", "normal").exclude("ARDS")
                .otherwise("other").build();
        assertThat(mapping.apply("  no finding ")).contains("normal");
        assertThat(mapping.apply("ards")).isEmpty();
        assertThat(mapping.apply("Tuberculosis")).contains("other");
        assertThat(mapping.isIdentity()).isFalse();
    }

    @Test
    void otherwiseExcludeDropsUnknownLabels() {
        ClassMapping mapping = ClassMapping.builder().map("covid", "covid").otherwiseExclude().build();
        assertThat(mapping.apply("COVID")).contains("covid");
        assertThat(mapping.apply("normal")).isEmpty();
    }

    @Test
    void cohenDefaultMapping() {
        ClassMapping mapping = CohenMetadataDataset.defaultMapping();
        assertThat(mapping.apply("COVID-19")).contains("covid");
        assertThat(mapping.apply("COVID-19, ARDS")).contains("covid");
        assertThat(mapping.apply("No Finding")).contains("normal");
        assertThat(mapping.apply("Streptococcus")).contains("pneumonia");
        assertThat(mapping.apply("Pneumonia/Viral/COVID-19")).contains("covid");
        assertThat(mapping.apply("ARDS")).isEmpty();
        assertThat(mapping.apply("todo")).isEmpty();
        assertThat(CohenMetadataDataset.findingMapping(false).apply("SARS")).isEmpty();
    }

    @Test
    void keepUnlabelledGivesNoClassButIsNotExcluded() {
        ClassMapping m = ClassMapping.builder().map("COVID-19", "covid").keepUnlabelled("Before admission")
                .otherwiseExclude().build();
        assertThat(m.apply("before admission")).isEmpty();
        assertThat(m.keepsUnlabelled(" Before Admission ")).isTrue();
        assertThat(m.keepsUnlabelled("Tuberculosis")).isFalse();
        assertThat(ClassMapping.builder().keepUnlabelled("x").map("x", "covid").build().keepsUnlabelled("x")).isFalse();
    }
}
