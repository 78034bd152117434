package org.covidxray.duplicates;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.covidxray.data.CohenMetadataDataset;
import org.covidxray.data.CovidNetCsvDataset;
import org.covidxray.data.Dataset;
import org.covidxray.data.DatasetMerger;
import org.covidxray.data.DatasetOptions;
import org.covidxray.data.DatasetSplit;
import org.covidxray.data.PatientSplitter;
import org.covidxray.data.Sample;
import org.covidxray.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cohen's data set holds 67 Hannover films under Hannover's image ids (the shared data's README); they
 * must be found by content, the two films Cohen calls COVID-19 that Hannover dates before the COVID-19
 * admission must show up as label conflicts, and a split of the deduplicated merge must keep every film
 * and patient group on one side.
 */
class SharedDataDuplicatesTest {
    private static final Logger LOG = LoggerFactory.getLogger(SharedDataDuplicatesTest.class);

    private static Dataset cohen;
    private static Dataset hannover;
    private static Deduplication result;

    @BeforeAll
    static void deduplicate() {
        Path cohenRoot = SharedData.require("cohen-covid-chestxray");
        Path hannoverRoot = SharedData.require("mhh-covid19");
        cohen = new CohenMetadataDataset().load(DatasetOptions.builder().setRoot(cohenRoot)
                .optName("cohen-covid-chestxray").optViews("PA", "AP", "AP Supine").build());
        hannover = new CovidNetCsvDataset().load(DatasetOptions.builder().setRoot(hannoverRoot)
                .optClassMapping(CovidNetCsvDataset.mappingKeepingUnlabelled()).build());
        result = new Deduplicator(new DuplicateFinder(), FingerprintCache.inMemory(), List.of("mhh-covid19"))
                .apply(List.of(cohen, hannover));
        LOG.info("{}", result.toText());
    }

    private static String stem(Sample s) {
        String name = s.path().getFileName().toString().toLowerCase(Locale.ROOT);
        return name.substring(0, name.lastIndexOf('.'));
    }

    @Test
    void findsCohensCopiesOfHannoverFilmsByContent() {
        Set<String> hannoverIds = new HashSet<>();
        hannover.samples().forEach(s -> hannoverIds.add(stem(s)));
        Set<String> byName = new HashSet<>();
        cohen.samples().stream().map(SharedDataDuplicatesTest::stem).filter(hannoverIds::contains).forEach(byName::add);

        Set<String> byContent = new HashSet<>();
        for (DuplicateGroup g : result.groups()) {
            Set<String> stems = new HashSet<>();
            g.copies().forEach(s -> stems.add(stem(s)));
            boolean bothSources = g.copies().stream().anyMatch(s -> s.attribute(Sample.SOURCE).equals("mhh-covid19"))
                    && g.copies().stream().anyMatch(s -> s.attribute(Sample.SOURCE).equals("cohen-covid-chestxray"));
            if (bothSources) {
                assertThat(stems).as("a cross-source group is one Hannover id: %s", stems).hasSize(1);
                byContent.addAll(stems);
            }
        }
        LOG.info("Cohen films named like Hannover's: {}; found by content: {}; missed: {}", byName.size(),
                byContent.size(), byName.stream().filter(n -> !byContent.contains(n)).sorted().toList());
        assertThat(byName).hasSize(67);
        assertThat(byContent).isSubsetOf(byName).hasSizeGreaterThanOrEqualTo(60);
        result.groups().stream().filter(DuplicateGroup::acrossSources)
                .forEach(g -> assertThat(g.kept().attribute(Sample.SOURCE)).isEqualTo("mhh-covid19"));
    }

    @Test
    void reportsThePreAdmissionFilmsCohenCallsCovid() {
        result.conflicts().forEach(c -> LOG.info("conflict: {}", c.toText()));
        Map<String, LabelConflict> byFile = new HashMap<>();
        result.conflicts().forEach(c -> byFile.put(c.droppedFile().getFileName().toString(), c));

        for (String film : List.of("2c35005f.jpg", "ada8c494.jpg")) {
            LabelConflict c = byFile.get(film);
            assertThat(c).as(film).isNotNull();
            assertThat(c.droppedSource()).isEqualTo("cohen-covid-chestxray");
            assertThat(c.droppedLabel()).isEqualTo("covid");
            assertThat(c.keptSource()).isEqualTo("mhh-covid19");
            assertThat(c.keptLabel()).isNull();
            assertThat(c.keptFinding()).isEqualTo(CovidNetCsvDataset.BEFORE_ADMISSION);
        }
        // Cohen's "No Finding" copies of films Hannover took at or after the COVID-19 admission
        assertThat(result.conflicts()).filteredOn(c -> "normal".equals(c.droppedLabel()))
                .allMatch(c -> "covid".equals(c.keptLabel())).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void aPatientDisjointSplitNeverSeparatesFoundCopiesOrTheirPatients() {
        Dataset merged = DatasetMerger.withClasses("covid", "normal", "pneumonia")
                .add(result.parts().get(0), "covid", "normal", "pneumonia")
                .add(result.parts().get(1), "covid")
                .merge("cohen+mhh");
        assertThat(merged.samples()).noneMatch(s -> s.path().getFileName().toString().equals("2c35005f.jpg"));

        // the films found by content; the few missed ones (cropped off-centre by Cohen) can still fall apart
        Set<String> found = new HashSet<>();
        result.groups().forEach(g -> g.copies().forEach(s -> found.add(stem(s))));
        Map<Path, String> sideOfFile = new HashMap<>();
        Map<String, String> sideOfPatient = new HashMap<>();
        Map<String, String> sideOfFilm = new HashMap<>();
        for (long seed = 1; seed <= 5; seed++) {
            DatasetSplit split = new PatientSplitter(0.6, 0.2, 0.2, seed).split(merged);
            sideOfFile.clear();
            sideOfPatient.clear();
            sideOfFilm.clear();
            for (Dataset side : List.of(split.train(), split.validation(), split.test())) {
                for (Sample s : side.samples()) {
                    assertThat(sideOfPatient.put(s.patientId(), side.name()))
                            .as("patient %s on two sides", s.patientId()).isIn(null, side.name());
                    if (found.contains(stem(s))) {
                        assertThat(sideOfFilm.put(stem(s), side.name()))
                                .as("film %s on two sides", stem(s)).isIn(null, side.name());
                    }
                    sideOfFile.put(s.path(), side.name());
                }
            }
            assertThat(sideOfFile).hasSize(merged.size());
        }
        // every patient with a film in both sources is one group with the Hannover patient
        assertThat(merged.patients()).anyMatch(p -> p.contains("cohen:") && p.contains("mhh-covid19:"));
    }
}
