package org.covidxray.duplicates;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeduplicatorTest {
    @TempDir
    Path dir;

    private static final List<String> CLASSES = List.of("covid", "normal");

    private Sample sample(String source, String file, Path path, String label, String patient) {
        return new Sample(file, path, label, source + ":" + patient, Map.of(Sample.SOURCE, source, Sample.FINDING,
                label == null ? "before admission" : label));
    }

    @Test
    void keepsTheHospitalCopyJoinsBothPatientsAndReportsTheConflict() {
        BufferedImage film = TestPictures.picture(10, 400, 330);
        Path hospitalFile = TestPictures.png(film, dir.resolve("hospital/f1.png"));
        Path collectionFile = TestPictures.jpeg(TestPictures.scaled(film, 0.5), 0.6f, dir.resolve("collection/f1.jpg"));
        Path otherFilm = TestPictures.png(TestPictures.picture(11, 300, 300), dir.resolve("collection/f2.png"));
        Path unrelated = TestPictures.png(TestPictures.picture(12, 300, 300), dir.resolve("hospital/f3.png"));

        Dataset collection = new Dataset("collection", CLASSES, List.of(
                sample("collection", "f1.jpg", collectionFile, "covid", "7"),
                sample("collection", "f2.png", otherFilm, "covid", "7")));
        Dataset hospital = new Dataset("hospital", CLASSES, List.of(
                sample("hospital", "f1.png", hospitalFile, null, "a"),
                sample("hospital", "f3.png", unrelated, "normal", "b")));

        Deduplication result = new Deduplicator(new DuplicateFinder(), FingerprintCache.inMemory(),
                List.of("hospital", "collection")).apply(List.of(collection, hospital));

        assertThat(result.groups()).hasSize(1);
        assertThat(result.groups().get(0).kept().path()).isEqualTo(hospitalFile);
        assertThat(result.dropped()).isEqualTo(1);
        assertThat(result.parts().get(0).samples()).extracting(Sample::path).containsExactly(otherFilm);
        assertThat(result.parts().get(1).samples()).extracting(Sample::path).containsExactly(hospitalFile, unrelated);
        // the collection patient's other film goes with the hospital patient: one patient group
        assertThat(result.parts().get(0).get(0).patientId()).isEqualTo("collection:7+hospital:a");
        assertThat(result.parts().get(1).get(0).patientId()).isEqualTo("collection:7+hospital:a");
        assertThat(result.parts().get(1).get(1).patientId()).isEqualTo("hospital:b");
        assertThat(result.joinedPatientGroups()).isEqualTo(1);

        assertThat(result.conflicts()).hasSize(1);
        LabelConflict conflict = result.conflicts().get(0);
        assertThat(conflict.keptFile()).isEqualTo(hospitalFile);
        assertThat(conflict.keptSource()).isEqualTo("hospital");
        assertThat(conflict.keptLabel()).isNull();
        assertThat(conflict.droppedFile()).isEqualTo(collectionFile);
        assertThat(conflict.droppedSource()).isEqualTo("collection");
        assertThat(conflict.droppedLabel()).isEqualTo("covid");
        assertThat(conflict.toText()).contains("collection f1.jpg says covid", "hospital f1.png (kept) says no class");
        assertThat(result.toText()).contains("1 film(s) found more than once among 4 loaded images (1 across sources",
                "1 copies left out", "1 label conflict(s)", "label conflict: collection f1.jpg");
    }

    @Test
    void withoutAPreferenceTheFirstCopyInMergeOrderIsKept() {
        BufferedImage film = TestPictures.picture(20, 256, 256);
        Path first = TestPictures.png(film, dir.resolve("a/x.png"));
        Path second = TestPictures.jpeg(film, 0.6f, dir.resolve("b/x.jpg"));
        List<Sample> samples = new ArrayList<>();
        samples.add(sample("a", "x.png", first, "covid", "1"));
        samples.add(sample("a", "x.jpg", second, "covid", "2"));

        Deduplication result = new Deduplicator(new DuplicateFinder(), FingerprintCache.inMemory(), List.of())
                .apply(new Dataset("a", CLASSES, samples));

        assertThat(result.parts().get(0).samples()).extracting(Sample::path).containsExactly(first);
        assertThat(result.parts().get(0).get(0).patientId()).isEqualTo("a:1+a:2");
        assertThat(result.conflicts()).isEmpty();
        assertThat(result.acrossSources()).isZero();
    }
}
