package org.covidxray.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.covidxray.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CohenMetadataDatasetTest {
    private static final String HEADER = "patientid,offset,finding,view,modality,folder,filename,license\n";

    @TempDir
    Path dir;

    private final CohenMetadataDataset loader = new CohenMetadataDataset();

    /*
     * Expected numbers for ../shared/data/cohen-covid-chestxray were counted independently with python3's
     * csv module: keep modality 'X-ray', map findings (COVID-19 and 'COVID-19, ARDS' -> covid, 'No Finding'
     * -> normal, Pneumonia/Bacterial/SARS/Streptococcus/Klebsiella/Legionella/Pneumocystis/Varicella/Lipoid
     * -> pneumonia, ARDS dropped), keep the first row of a file listed twice (2 such rows), count per class
     * and per (class, view), and count distinct patientid values.
     */
    @Test
    void realMetadataLoadsTheRightCountsPerFindingAndView() {
        Path cohen = SharedData.require("cohen-covid-chestxray");

        Dataset dataset = loader.load(DatasetOptions.of(cohen));

        assertThat(dataset.classNames()).containsExactly("covid", "normal", "pneumonia");
        assertThat(dataset.countsByClass()).containsExactly(
                Map.entry("covid", 331), Map.entry("normal", 16), Map.entry("pneumonia", 61));
        assertThat(countsByClassAndView(dataset)).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("covid/PA", 164L), Map.entry("covid/AP", 58L), Map.entry("covid/AP Supine", 93L),
                Map.entry("covid/L", 16L), Map.entry("normal/PA", 11L), Map.entry("normal/AP", 1L),
                Map.entry("normal/AP Supine", 4L), Map.entry("pneumonia/PA", 44L), Map.entry("pneumonia/AP", 1L),
                Map.entry("pneumonia/AP Supine", 4L), Map.entry("pneumonia/L", 12L)));
        assertThat(dataset.patients()).hasSize(216).allMatch(p -> p.startsWith("cohen:"));
        assertThat(dataset.skipped()).hasSize(2)
                .allSatisfy(row -> assertThat(row.reason()).contains("already lists"));
        assertThat(dataset.samples()).allSatisfy(s -> assertThat(s.path()).exists());
    }

    @Test
    void realMetadataFiltersByViewAndFindingMapping() {
        Path cohen = SharedData.require("cohen-covid-chestxray");

        Dataset pa = loader.load(DatasetOptions.builder().setRoot(cohen).optViews("PA").build());
        assertThat(pa.countsByClass()).containsExactly(
                Map.entry("covid", 164), Map.entry("normal", 11), Map.entry("pneumonia", 44));
        assertThat(pa.patients()).hasSize(132);

        Dataset covidNormal = loader.load(DatasetOptions.builder().setRoot(cohen).optViews("PA", "AP")
                .optClassMapping(CohenMetadataDataset.findingMapping(false)).build());
        assertThat(covidNormal.countsByClass()).containsExactly(Map.entry("covid", 222), Map.entry("normal", 12));

        Dataset onlySars = loader.load(DatasetOptions.builder().setRoot(cohen).optFindings("sars").build());
        assertThat(onlySars.countsByClass()).containsExactly(Map.entry("pneumonia", 7));
    }

    private static Map<String, Long> countsByClassAndView(Dataset dataset) {
        return dataset.samples().stream().collect(Collectors.groupingBy(
                s -> s.label() + "/" + s.attribute(Sample.VIEW), Collectors.counting()));
    }

    @Test
    void readsTheFolderColumnModalityAndPatients() {
        TestFiles.image(dir.resolve("images/a.jpg"));
        TestFiles.image(dir.resolve("images/b.jpg"));
        TestFiles.image(dir.resolve("other/c.png"));
        TestFiles.image(dir.resolve("images/ct.jpg"));
        TestFiles.text(dir.resolve("metadata.csv"), HEADER
                + "1,0,COVID-19,PA,X-ray,images,a.jpg,\"CC BY, 4.0\"\n"
                + "1,3,\"COVID-19, ARDS\",AP,X-ray,images,b.jpg,\n"
                + "2,0,No Finding,PA,X-ray,other,c.png,\n"
                + "3,0,COVID-19,,CT,images,ct.jpg,\n");

        Dataset dataset = loader.load(DatasetOptions.of(dir));

        assertThat(dataset.samples()).extracting(Sample::id).containsExactly("images/a.jpg", "images/b.jpg",
                "other/c.png");
        assertThat(dataset.samples()).extracting(Sample::patientId).containsExactly("cohen:1", "cohen:1", "cohen:2");
        assertThat(dataset.get(1).attribute(Sample.FINDING)).isEqualTo("COVID-19, ARDS");
        assertThat(dataset.get(1).attribute(Sample.VIEW)).isEqualTo("AP");

        Dataset ct = loader.load(DatasetOptions.builder().setRoot(dir).optModalities("CT").build());
        assertThat(ct.samples()).extracting(Sample::id).containsExactly("images/ct.jpg");
    }

    @Test
    void missingColumnIsNamed() {
        TestFiles.text(dir.resolve("metadata.csv"), "patientid,finding,view,modality,folder\n1,COVID-19,PA,X-ray,images\n");
        assertThatThrownBy(() -> loader.load(DatasetOptions.of(dir))).isInstanceOf(DatasetException.class)
                .hasMessageContaining("no column 'filename'").hasMessageContaining("metadata.csv");
    }

    @Test
    void viewFilterNeedsAViewColumn() {
        TestFiles.text(dir.resolve("metadata.csv"), "patientid,finding,filename\n1,COVID-19,a.jpg\n");
        DatasetOptions options = DatasetOptions.builder().setRoot(dir).optViews("PA").build();
        assertThatThrownBy(() -> loader.load(options)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("no column 'view'");
    }

    @Test
    void missingCsvAndMissingFolderSayWhereToGetTheData() {
        assertThatThrownBy(() -> loader.load(DatasetOptions.of(dir))).isInstanceOf(DatasetException.class)
                .hasMessageContaining("metadata.csv").hasMessageContaining("ieee8023/covid-chestxray-dataset");
        assertThatThrownBy(() -> loader.load(DatasetOptions.of(dir.resolve("nope"))))
                .isInstanceOf(DatasetException.class).hasMessageContaining("does not exist");
    }

    @Test
    void rowWithAMissingImageFailsOrIsSkippedAndRecorded() {
        TestFiles.image(dir.resolve("images/a.jpg"));
        TestFiles.text(dir.resolve("metadata.csv"), HEADER
                + "1,0,COVID-19,PA,X-ray,images,a.jpg,\n"
                + "2,0,COVID-19,PA,X-ray,images,gone.jpg,\n"
                + "3,0,COVID-19,PA,X-ray,images,,\n");

        assertThatThrownBy(() -> loader.load(DatasetOptions.of(dir))).isInstanceOf(DatasetException.class)
                .hasMessageContaining("gone.jpg").hasMessageContaining("row 2").hasMessageContaining("does not exist");

        Dataset dataset = loader.load(DatasetOptions.builder().setRoot(dir).optSkipBadRows(true).build());
        assertThat(dataset.samples()).extracting(Sample::id).containsExactly("images/a.jpg");
        assertThat(dataset.skipped()).extracting(SkippedRow::location)
                .containsExactly("metadata.csv row 2 (line 3)", "metadata.csv row 3 (line 4)");
        assertThat(dataset.skipped().get(1).reason()).contains("column 'filename' is empty");
    }

    @Test
    void unreadableImageIsReportedWhenVerifying() {
        TestFiles.text(dir.resolve("images/a.jpg"), "<html>not a jpeg</html>");
        TestFiles.text(dir.resolve("metadata.csv"), HEADER + "1,0,COVID-19,PA,X-ray,images,a.jpg,\n");
        DatasetOptions verify = DatasetOptions.builder().setRoot(dir).optVerifyImages(true).build();

        assertThatThrownBy(() -> loader.load(verify)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("a.jpg").hasMessageContaining("unreadable image");
        Dataset skipped = loader.load(verify.toBuilder().optSkipBadRows(true).build());
        assertThat(skipped.size()).isZero();
        assertThat(skipped.skipped()).hasSize(1);
    }

    @Test
    void duplicateFileRowsAreRecordedNotDroppedSilently() {
        TestFiles.image(dir.resolve("images/a.jpg"));
        TestFiles.text(dir.resolve("metadata.csv"), HEADER
                + "7,0,Legionella,PA,X-ray,images,a.jpg,\n"
                + "8,0,Legionella,PA,X-ray,images,a.jpg,\n");

        Dataset dataset = loader.load(DatasetOptions.of(dir));

        assertThat(dataset.samples()).extracting(Sample::patientId).containsExactly("cohen:7");
        assertThat(dataset.skipped()).singleElement()
                .satisfies(row -> assertThat(row.reason()).contains("patient 8").contains("patient 7"));
    }

    @Test
    void byteOrderMarkAndHeaderCaseAreTolerated() {
        TestFiles.image(dir.resolve("images/a.jpg"));
        TestFiles.text(dir.resolve("metadata.csv"), "\uFEFFPatientID,Finding,View,Modality,Filename\n"
                + "1,No Finding,PA,X-ray,a.jpg\n");

        Dataset dataset = loader.load(DatasetOptions.of(dir));

        assertThat(dataset.classNames()).isEqualTo(List.of("normal"));
        assertThat(dataset.get(0).patientId()).isEqualTo("cohen:1");
    }

    @Test
    void malformedCsvIsOurExceptionNamingTheFile() {
        TestFiles.text(dir.resolve("metadata.csv"), HEADER + "1,0,COVID-19,PA,X-ray,images,\"a.jpg,\n");
        assertThatThrownBy(() -> loader.load(DatasetOptions.of(dir))).isInstanceOf(DatasetException.class)
                .hasMessageContaining("metadata.csv");

        TestFiles.text(dir.resolve("metadata.csv"), "patientid,finding,filename,finding\n1,COVID-19,a.jpg,x\n");
        assertThatThrownBy(() -> loader.load(DatasetOptions.of(dir))).isInstanceOf(DatasetException.class)
                .hasMessageContaining("metadata.csv");
    }

    @Test
    void filtersThatKeepNothingGiveAnEmptyDataSet() {
        TestFiles.image(dir.resolve("images/a.jpg"));
        TestFiles.text(dir.resolve("metadata.csv"), HEADER + "1,0,COVID-19,PA,X-ray,images,a.jpg,\n");

        Dataset dataset = loader.load(DatasetOptions.builder().setRoot(dir).optViews("posteroanterior").build());

        assertThat(dataset.size()).isZero();
        assertThat(dataset.skipped()).isEmpty();
    }
}
