package org.covidxray.data;

import java.util.List;

/**
 * Cohen et al.'s covid-chestxray-dataset ({@code https://github.com/ieee8023/covid-chestxray-dataset}):
 * {@code metadata.csv} (columns {@code patientid}, {@code finding}, {@code view}, {@code modality},
 * {@code folder}, {@code filename}, ...) beside the image folder. The root is the folder holding the CSV;
 * images are looked up in the row's {@code folder} (else {@code images/}, else the root).
 *
 * <p>Only X-ray rows are kept unless modalities are given. Views are filtered exactly (so {@code AP}
 * does not include {@code AP Supine}). Findings go through {@link #defaultMapping()} unless a class
 * mapping is given. Patient ids are {@code cohen:<patientid>} whatever the name: the main set and its
 * later additions (the July 2020 patients 350-383) share one patient-id space. The source attribute is
 * {@code cohen}, or the data set name when {@link DatasetOptions#name()} is given, so that results can be
 * reported per copy (e.g. {@code cohen-covid-chestxray-2020-07}).
 */
public final class CohenMetadataDataset implements DatasetLoader {
    /** The patient id prefix, and the value of {@link Sample#SOURCE} unless a name is given. */
    public static final String SOURCE = "cohen";

    static final String WHERE_TO_GET = "Get the data set with 'git clone "
            + "https://github.com/ieee8023/covid-chestxray-dataset' and point the root at the clone";

    private static final CsvSchema SCHEMA = new CsvSchema(SOURCE, "filename", "patientid", "finding", "view",
            "modality", "folder", "images", WHERE_TO_GET);

    private static final List<String> COVID = List.of("COVID-19", "COVID-19, ARDS", "Pneumonia/Viral/COVID-19");
    private static final List<String> NORMAL = List.of("No Finding");
    /** Findings of Cohen's data set (June 2020 and the later hierarchical names) that are pneumonias other than COVID-19. */
    private static final List<String> OTHER_PNEUMONIA = List.of(
            "Pneumonia", "Bacterial", "Viral", "Fungal", "SARS", "MERS", "MERS-CoV", "Streptococcus", "Klebsiella",
            "Legionella", "Pneumocystis", "Varicella", "Lipoid", "Chlamydophila", "E.Coli", "Mycoplasma Bacterial Pneumonia",
            "Influenza", "Aspergillosis", "Nocardia", "Herpes", "Staphylococcus", "Aspiration",
            "Pneumonia/Viral/SARS", "Pneumonia/Viral/MERS-CoV", "Pneumonia/Viral/Varicella", "Pneumonia/Viral/Influenza",
            "Pneumonia/Viral/Herpes", "Pneumonia/Viral", "Pneumonia/Bacterial", "Pneumonia/Bacterial/Streptococcus",
            "Pneumonia/Bacterial/Klebsiella", "Pneumonia/Bacterial/Legionella", "Pneumonia/Bacterial/Mycoplasma",
            "Pneumonia/Bacterial/Chlamydophila", "Pneumonia/Bacterial/E.Coli", "Pneumonia/Bacterial/Nocardia",
            "Pneumonia/Bacterial/Staphylococcus/MRSA", "Pneumonia/Fungal/Pneumocystis", "Pneumonia/Fungal/Aspergillosis",
            "Pneumonia/Lipoid", "Pneumonia/Aspiration");

    /**
     * The default finding mapping: {@code COVID-19} and {@code COVID-19, ARDS} → {@code covid},
     * {@code No Finding} → {@code normal}, the other pneumonias (bacterial, viral, fungal, lipoid,
     * aspiration; e.g. {@code Streptococcus}, {@code SARS}, {@code Pneumocystis}) → {@code pneumonia};
     * anything else ({@code ARDS} alone, {@code Tuberculosis}, {@code todo}, unknown text) is excluded.
     */
    public static ClassMapping defaultMapping() {
        return findingMapping(true);
    }

    /**
     * The default mapping, with the other pneumonias mapped to {@code pneumonia} or, when
     * {@code keepOtherPneumonias} is false, excluded (a covid/normal data set).
     */
    public static ClassMapping findingMapping(boolean keepOtherPneumonias) {
        return findingMappingBuilder(keepOtherPneumonias).build();
    }

    /** A builder holding {@link #defaultMapping()}, for loaders that add entries for their own findings. */
    static ClassMapping.Builder defaultMappingBuilder() {
        return findingMappingBuilder(true);
    }

    private static ClassMapping.Builder findingMappingBuilder(boolean keepOtherPneumonias) {
        ClassMapping.Builder b = ClassMapping.builder().mapAll(COVID, "covid").mapAll(NORMAL, "normal");
        if (keepOtherPneumonias) {
            b.mapAll(OTHER_PNEUMONIA, "pneumonia");
        }
        return b.otherwiseExclude();
    }

    @Override
    public String layout() {
        return "cohen";
    }

    @Override
    public Dataset load(DatasetOptions options) {
        return CsvMetadataLoader.load(SCHEMA, options, defaultMapping());
    }
}
