package org.covidxray.data;

/**
 * A metadata CSV in the schema of the COVID-Net data initiatives (for example
 * {@code agchung/Figure1-COVID-chestxray-dataset} and {@code agchung/Actualmed-COVID-chestxray-dataset}):
 * like Cohen's, but the image file column is {@code imagename} (names may lack the extension; jpg, jpeg,
 * png and bmp are tried) and there is no folder column: images are in {@code images/} under the root
 * unless {@link DatasetOptions#imageDir()} says otherwise. Findings use
 * {@link CohenMetadataDataset#defaultMapping()} unless a class mapping is given. The source attribute
 * and patient id prefix are the data set's name (the option, else the root folder's name), so two
 * COVID-Net sources loaded side by side never share a patient id.
 */
public final class CovidNetCsvDataset implements DatasetLoader {
    private static final CsvSchema SCHEMA = new CsvSchema(null, "imagename", "patientid", "finding", "view",
            "modality", null, "images", "Get the data set from its repository (e.g. "
                    + "https://github.com/agchung/Figure1-COVID-chestxray-dataset) and point the root at the clone");

    @Override
    public String layout() {
        return "covidnet";
    }

    @Override
    public Dataset load(DatasetOptions options) {
        return CsvMetadataLoader.load(SCHEMA, options, CohenMetadataDataset.defaultMapping());
    }
}
