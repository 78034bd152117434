package org.covidxray.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.covidxray.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KermanyDatasetTest {
    @TempDir
    Path dir;

    private final KermanyDataset loader = new KermanyDataset();

    @Test
    void loadsAFolderThatHoldsNormalAndPneumonia() {
        TestFiles.image(dir.resolve("NORMAL/IM-0115-0001.jpeg"));
        TestFiles.image(dir.resolve("NORMAL/NORMAL2-IM-0115-0001.jpeg"));
        TestFiles.image(dir.resolve("PNEUMONIA/person7_bacteria_1.jpeg"));
        TestFiles.image(dir.resolve("PNEUMONIA/person7_virus_2.jpeg"));
        TestFiles.image(dir.resolve("PNEUMONIA/oddly-named.jpeg"));

        Dataset dataset = loader.load(DatasetOptions.of(dir));

        assertThat(dataset.classNames()).containsExactly("normal", "pneumonia");
        assertThat(dataset.name()).isEqualTo("kermany-" + dir.getFileName());
        assertThat(dataset.samples()).extracting(Sample::patientId).containsExactly(
                "kermany:IM-0115", "kermany:NORMAL2-IM-0115", "kermany:PNEUMONIA/oddly-named.jpeg",
                "kermany:person7", "kermany:person7");
        assertThat(dataset.samples()).extracting(s -> s.attribute(Sample.SUBTYPE))
                .containsExactly("", "", "", "bacteria", "virus");
        assertThat(dataset.samples()).allSatisfy(s -> assertThat(s.attribute(Sample.SOURCE)).isEqualTo("kermany"));
    }

    @Test
    void loadsSplitFoldersFromTheTopAndKeepsTheSplit() {
        TestFiles.image(dir.resolve("train/NORMAL/IM-0001-0001.jpeg"));
        TestFiles.image(dir.resolve("test/PNEUMONIA/person1_virus_1.jpeg"));
        TestFiles.image(dir.resolve("test/NORMAL/IM-0002-0001.jpeg"));

        Dataset dataset = loader.load(DatasetOptions.of(dir));

        assertThat(dataset.samples()).extracting(Sample::id).containsExactly(
                "test/NORMAL/IM-0002-0001.jpeg", "test/PNEUMONIA/person1_virus_1.jpeg", "train/NORMAL/IM-0001-0001.jpeg");
        assertThat(dataset.samples()).extracting(s -> s.attribute(KermanyDataset.SPLIT))
                .containsExactly("test", "test", "train");
    }

    @Test
    void classMappingCanKeepOnlyNormal() {
        TestFiles.image(dir.resolve("NORMAL/IM-0001-0001.jpeg"));
        TestFiles.image(dir.resolve("PNEUMONIA/person1_virus_1.jpeg"));
        ClassMapping onlyNormal = ClassMapping.builder().map("NORMAL", "normal").otherwiseExclude().build();

        Dataset dataset = loader.load(DatasetOptions.builder().setRoot(dir).optClassMapping(onlyNormal).build());

        assertThat(dataset.classNames()).containsExactly("normal");
        assertThat(dataset.size()).isEqualTo(1);
    }

    @Test
    void folderWithoutTheKermanyLayoutSaysWhatItExpects() {
        TestFiles.image(dir.resolve("covid/a.png"));
        assertThatThrownBy(() -> loader.load(DatasetOptions.of(dir))).isInstanceOf(DatasetException.class)
                .hasMessageContaining("NORMAL/ and PNEUMONIA/").hasMessageContaining(dir.toString());
        assertThatThrownBy(() -> loader.load(DatasetOptions.of(dir.resolve("missing"))))
                .isInstanceOf(DatasetException.class).hasMessageContaining("does not exist")
                .hasMessageContaining("rscbjbr9sj");
    }

    @Test
    void realTrainingSplitHasTheDocumentedCountsAndParsedPatients() {
        Path train = SharedData.require("kaggle-pneumonia/train");

        Dataset dataset = loader.load(DatasetOptions.of(train));

        // Counts from the shared data's README (NORMAL 1,341, PNEUMONIA 3,875).
        assertThat(dataset.countsByClass()).containsExactly(Map.entry("normal", 1341), Map.entry("pneumonia", 3875));
        // Every file name parses, so no patient id falls back to a file path.
        assertThat(dataset.samples()).allSatisfy(s -> assertThat(s.patientId())
                .matches("kermany:(person\\d+|IM-\\d+|NORMAL2-IM-\\d+)"));
        // Counted with `ls PNEUMONIA | grep -c _bacteria_` (2530) and `grep -c _virus_` (1345).
        Map<String, Long> subtypes = dataset.samples().stream().filter(s -> "pneumonia".equals(s.label()))
                .collect(Collectors.groupingBy(s -> s.attribute(Sample.SUBTYPE), Collectors.counting()));
        assertThat(subtypes).containsExactlyInAnyOrderEntriesOf(Map.of("bacteria", 2530L, "virus", 1345L));
        // Counted with a python3 regex over the file names: 518 IM-, 693 NORMAL2-IM- and 1635 person ids.
        assertThat(dataset.patients()).hasSize(518 + 693 + 1635);
    }
}
