package org.covidxray.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CovidNetCsvDatasetTest {
    @TempDir
    Path dir;

    private final CovidNetCsvDataset loader = new CovidNetCsvDataset();

    private Path figure1Like() {
        Path root = dir.resolve("Figure1-COVID-chestxray-dataset");
        TestFiles.image(root.resolve("images/COVID-00001.jpg"));
        TestFiles.image(root.resolve("images/COVID-00002.png"));
        TestFiles.image(root.resolve("images/COVID-00003a.jpg"));
        TestFiles.text(root.resolve("metadata.csv"),
                "patientid,offset,sex,age,finding,view,modality,imagename\n"
                        + "COVID-00001,,M,50,COVID-19,PA,X-ray,COVID-00001\n"
                        + "COVID-00002,,F,60,Pneumonia,AP,X-ray,COVID-00002.png\n"
                        + "COVID-00003,,F,70,No finding,PA,X-ray,COVID-00003a.jpg\n");
        return root;
    }

    @Test
    void readsImagenameWithOrWithoutExtension() {
        Path root = figure1Like();

        Dataset dataset = loader.load(DatasetOptions.of(root));

        assertThat(dataset.classNames()).containsExactly("covid", "normal", "pneumonia");
        assertThat(dataset.samples()).extracting(Sample::id).containsExactly(
                "images/COVID-00001.jpg", "images/COVID-00002.png", "images/COVID-00003a.jpg");
        assertThat(dataset.samples()).extracting(Sample::patientId).containsExactly(
                "Figure1-COVID-chestxray-dataset:COVID-00001", "Figure1-COVID-chestxray-dataset:COVID-00002",
                "Figure1-COVID-chestxray-dataset:COVID-00003");
    }

    @Test
    void aDicomImagenameWithoutExtensionResolvesAndItsViewFillsABlankViewColumn() throws java.io.IOException {
        Path root = dir.resolve("dicom-source");
        java.nio.file.Files.createDirectories(root.resolve("images"));
        java.nio.file.Files.write(root.resolve("images/P1.dcm"),
                org.covidxray.testing.TestDicom.image(2, 1).view("AP").pixels(1, 2).build());
        java.nio.file.Files.write(root.resolve("images/P2.dcm"),
                org.covidxray.testing.TestDicom.image(2, 1).view("LL").pixels(1, 2).build());
        TestFiles.text(root.resolve("metadata.csv"), "patientid,finding,view,modality,imagename\n"
                + "P1,COVID-19,,X-ray,P1\n"
                + "P2,COVID-19,PA,X-ray,P2.dcm\n");

        Dataset dataset = loader.load(DatasetOptions.of(root));

        assertThat(dataset.samples()).extracting(Sample::id).containsExactly("images/P1.dcm", "images/P2.dcm");
        assertThat(dataset.samples()).extracting(s -> s.attribute(Sample.VIEW)).containsExactly("AP", "PA");
    }

    @Test
    void filtersByViewAndNamesTheSource() {
        Path root = figure1Like();

        Dataset dataset = loader.load(DatasetOptions.builder().setRoot(root).optName("figure1").optViews("pa").build());

        assertThat(dataset.countsByClass()).containsExactly(Map.entry("covid", 1), Map.entry("normal", 1));
        assertThat(dataset.get(0).patientId()).isEqualTo("figure1:COVID-00001");
        assertThat(dataset.get(0).attribute(Sample.SOURCE)).isEqualTo("figure1");
    }

    @Test
    void cohenStyleCsvWithoutImagenameIsRefusedByName() {
        TestFiles.text(dir.resolve("metadata.csv"), "patientid,finding,view,modality,filename\n1,COVID-19,PA,X-ray,a.jpg\n");
        assertThatThrownBy(() -> loader.load(DatasetOptions.of(dir))).isInstanceOf(DatasetException.class)
                .hasMessageContaining("no column 'imagename'");
    }

    @Test
    void imageDirOptionOverridesTheDefaultFolder() {
        TestFiles.image(dir.resolve("pictures/x.jpg"));
        Path csv = TestFiles.text(dir.resolve("lists/my.csv"), "patientid,finding,imagename\np1,COVID-19,x.jpg\n");

        Dataset dataset = loader.load(DatasetOptions.builder().setRoot(dir).optCsvFile(csv)
                .optImageDir(dir.resolve("pictures")).build());

        assertThat(dataset.samples()).extracting(Sample::id).containsExactly("pictures/x.jpg");
    }
}
