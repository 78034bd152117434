package org.covidxray.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.covidxray.image.DecodedImage;
import org.covidxray.testing.SharedData;
import org.covidxray.testing.TestDicom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassFolderDatasetTest {
    @TempDir
    Path dir;

    private final ClassFolderDataset loader = new ClassFolderDataset();

    @Test
    void loadsEveryImageExtensionIgnoringCaseInSortedOrder() {
        TestFiles.image(dir.resolve("normal/b.PNG"));
        TestFiles.image(dir.resolve("normal/a.jpeg"));
        TestFiles.image(dir.resolve("covid/z.JPG"));
        TestFiles.image(dir.resolve("covid/sub/y.bmp"));
        TestFiles.text(dir.resolve("covid/notes.txt"), "not an image");

        Dataset dataset = loader.load(DatasetOptions.of(dir));

        assertThat(dataset.classNames()).containsExactly("covid", "normal");
        assertThat(dataset.samples()).extracting(Sample::id)
                .containsExactly("covid/sub/y.bmp", "covid/z.JPG", "normal/a.jpeg", "normal/b.PNG");
        assertThat(dataset.samples()).extracting(Sample::label).containsExactly("covid", "covid", "normal", "normal");
        assertThat(dataset.patients()).hasSize(4);
        assertThat(dataset.get(0).attribute(Sample.SOURCE)).isEqualTo(dir.getFileName().toString());
    }

    private Path dicom(String relative, String view) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        TestDicom d = TestDicom.image(4, 2).pixels(0, 10, 20, 30, 40, 50, 60, 70);
        return Files.write(file, (view == null ? d : d.view(view)).build());
    }

    @Test
    void dicomFilesAreImagesAndCarryTheirViewPosition() throws IOException {
        dicom("covid/a.dcm", "PA");
        dicom("covid/b.DCM", null);
        dicom("normal/c.dcm", "LL");
        TestFiles.image(dir.resolve("normal/d.png"));

        Dataset dataset = loader.load(DatasetOptions.builder().setRoot(dir).optVerifyImages(true).build());

        assertThat(dataset.samples()).extracting(Sample::id)
                .containsExactly("covid/a.dcm", "covid/b.DCM", "normal/c.dcm", "normal/d.png");
        assertThat(dataset.samples()).extracting(s -> s.attribute(Sample.VIEW)).containsExactly("PA", "", "LL", "");
        assertThat(DecodedImage.isLateral(dataset.get(2).attribute(Sample.VIEW))).isTrue();
    }

    @Test
    void theViewFilterDropsDicomFilesOfOtherViewsAndKeepsImagesWithoutOne() throws IOException {
        dicom("covid/a.dcm", "PA");
        dicom("covid/lateral.dcm", "LL");
        TestFiles.image(dir.resolve("covid/b.png"));

        Dataset dataset = loader.load(DatasetOptions.builder().setRoot(dir).optViews("PA", "AP").build());

        assertThat(dataset.samples()).extracting(Sample::id).containsExactly("covid/a.dcm", "covid/b.png");
    }

    @Test
    void aDicomFileWithABrokenHeaderIsABadRow() throws IOException {
        dicom("covid/a.dcm", "PA");
        Path broken = dicom("covid/broken.dcm", "PA");
        byte[] bytes = Files.readAllBytes(broken);
        Files.write(broken, java.util.Arrays.copyOf(bytes, 200));

        assertThatThrownBy(() -> loader.load(DatasetOptions.of(dir))).isInstanceOf(DatasetException.class)
                .hasMessageContaining("broken.dcm").hasMessageContaining("truncated");
        Dataset skipping = loader.load(DatasetOptions.builder().setRoot(dir).optSkipBadRows(true).build());
        assertThat(skipping.samples()).extracting(Sample::id).containsExactly("covid/a.dcm");
    }

    @Test
    void classMappingRenamesAndExcludesFolders() {
        TestFiles.image(dir.resolve("COVID/a.png"));
        TestFiles.image(dir.resolve("NORMAL/b.png"));
        TestFiles.image(dir.resolve("other/c.png"));
        ClassMapping mapping = ClassMapping.builder().map("COVID", "covid").map("NORMAL", "normal")
                .exclude("other").build();

        Dataset dataset = loader.load(DatasetOptions.builder().setRoot(dir).optClassMapping(mapping)
                .optClassOrder(List.of("normal", "covid", "pneumonia")).build());

        assertThat(dataset.classNames()).containsExactly("normal", "covid", "pneumonia");
        assertThat(dataset.countsByClass()).containsEntry("covid", 1).containsEntry("normal", 1)
                .containsEntry("pneumonia", 0);
    }

    @Test
    void labelOutsideTheFixedClassOrderIsAnError() {
        TestFiles.image(dir.resolve("covid/a.png"));
        DatasetOptions options = DatasetOptions.builder().setRoot(dir).optClassOrder(List.of("normal")).build();
        assertThatThrownBy(() -> loader.load(options)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("[covid]").hasMessageContaining("optClassOrder");
    }

    @Test
    void missingFolderNamesTheFolder() {
        Path missing = dir.resolve("no-such-dataset");
        assertThatThrownBy(() -> loader.load(DatasetOptions.of(missing))).isInstanceOf(DatasetException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    }

    @Test
    void folderWithoutClassFoldersIsAnError() {
        TestFiles.image(dir.resolve("a.png"));
        assertThatThrownBy(() -> loader.load(DatasetOptions.of(dir))).isInstanceOf(DatasetException.class)
                .hasMessageContaining("no sub-folders");
    }

    @Test
    void unreadableImageIsNotOpenedUnlessVerificationIsAsked() {
        TestFiles.image(dir.resolve("covid/good.png"));
        TestFiles.text(dir.resolve("covid/text-posing-as.png"), "hello, I am not a PNG");

        assertThat(loader.load(DatasetOptions.of(dir)).size()).isEqualTo(2);

        DatasetOptions verify = DatasetOptions.builder().setRoot(dir).optVerifyImages(true).build();
        assertThatThrownBy(() -> loader.load(verify)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("text-posing-as.png").hasMessageContaining("optSkipBadRows");
    }

    @Test
    void skippedUnreadableImagesAreRecorded() throws IOException {
        TestFiles.image(dir.resolve("covid/good.png"));
        TestFiles.text(dir.resolve("covid/text.png"), "not a PNG");
        Files.createFile(dir.resolve("covid/empty.jpg"));

        Dataset dataset = loader.load(DatasetOptions.builder().setRoot(dir).optVerifyImages(true)
                .optSkipBadRows(true).build());

        assertThat(dataset.samples()).extracting(Sample::id).containsExactly("covid/good.png");
        assertThat(dataset.skipped()).extracting(SkippedRow::location)
                .containsExactly("covid/empty.jpg", "covid/text.png");
        assertThat(dataset.skipped().get(0).reason()).contains("empty");
    }

    @Test
    void seed50LoadsTwentyFivePerClassAndItsMislabelledNormalsAreFlagged() {
        Path seed50 = SharedData.require("seed-50");

        Dataset dataset = loader.load(DatasetOptions.builder().setRoot(seed50).optVerifyImages(true).build());

        assertThat(dataset.classNames()).containsExactly("covid", "normal");
        assertThat(dataset.countsByClass()).containsEntry("covid", 25).containsEntry("normal", 25);
        assertThat(dataset.skipped()).isEmpty();
        List<LabelFinding> findings = new LabelQualityCheck().check(dataset);
        // The shared data's README documents 18 pneumonia files (person*_bacteria_*/person*_virus_*) in normal/.
        assertThat(findings).hasSize(18);
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.label()).isEqualTo("normal");
            assertThat(f.path().getFileName().toString()).matches("person\\d+_(bacteria|virus)_\\d+\\.jpg");
            assertThat(f.reason()).contains("pneumonia").contains(f.path().getFileName().toString());
        });
    }
}
