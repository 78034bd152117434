package org.covidxray.data;

/**
 * A metadata CSV in the schema of the COVID-Net data initiatives (for example
 * {@code agchung/Figure1-COVID-chestxray-dataset} and {@code agchung/Actualmed-COVID-chestxray-dataset};
 * the NIH ChestX-ray14 adult subset and the Hannover Medical School set in the shared test data use it
 * too): like Cohen's, but the image file column is {@code imagename} (names may lack the extension; jpg,
 * jpeg, png and bmp are tried) and there is no folder column: images are in {@code images/} under the
 * root unless {@link DatasetOptions#imageDir()} says otherwise. Findings use {@link #defaultMapping()}
 * unless a class mapping is given. The source attribute and patient id prefix are the data set's name
 * (the option, else the root folder's name), so two COVID-Net sources loaded side by side never share a
 * patient id.
 */
public final class CovidNetCsvDataset implements DatasetLoader {
    /**
     * Hannover's finding for films of COVID-19 patients taken days or weeks before their COVID-19
     * admission. They are not COVID-19 films, and nothing says they are normal either (the patient came
     * to hospital for some reason), so they are no class at all.
     */
    public static final String BEFORE_ADMISSION = "COVID-19 negative (film taken before the COVID-19 admission)";

    private static final CsvSchema SCHEMA = new CsvSchema(null, "imagename", "patientid", "finding", "view",
            "modality", null, "images", "Get the data set from its repository (e.g. "
                    + "https://github.com/agchung/Figure1-COVID-chestxray-dataset) and point the root at the clone");

    /**
     * {@link CohenMetadataDataset#defaultMapping()} (so NIH's {@code No Finding} is normal and its
     * {@code Pneumonia} rows are pneumonia, Hannover's {@code COVID-19} is covid), with Hannover's
     * {@link #BEFORE_ADMISSION} films explicitly left out.
     */
    public static ClassMapping defaultMapping() {
        return mapping(false);
    }

    /**
     * The default mapping, except that {@link #BEFORE_ADMISSION} films are kept without a label rather
     * than left out, so that duplicate detection sees them: Cohen's data set holds two of them labelled
     * COVID-19. A merge that selects classes then leaves them out.
     */
    public static ClassMapping mappingKeepingUnlabelled() {
        return mapping(true);
    }

    private static ClassMapping mapping(boolean keepUnlabelled) {
        ClassMapping.Builder b = CohenMetadataDataset.defaultMappingBuilder();
        if (keepUnlabelled) {
            b.keepUnlabelled(BEFORE_ADMISSION);
        } else {
            b.exclude(BEFORE_ADMISSION);
        }
        return b.build();
    }

    @Override
    public String layout() {
        return "covidnet";
    }

    @Override
    public Dataset load(DatasetOptions options) {
        return CsvMetadataLoader.load(SCHEMA, options, defaultMapping());
    }
}
