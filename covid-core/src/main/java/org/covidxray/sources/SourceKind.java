package org.covidxray.sources;

import org.covidxray.data.ClassFolderDataset;
import org.covidxray.data.CohenMetadataDataset;
import org.covidxray.data.CovidNetCsvDataset;
import org.covidxray.data.DatasetLoader;
import org.covidxray.data.KermanyDataset;

/**
 * The layouts a source can have, in the order their copies of a film are trusted: a hospital's own
 * release (COVID-Net CSV sets such as Hannover's and NIH's, Kermany's tree, a class-folder tree) before
 * Cohen's collection, which re-published films of other hospitals with labels of its own.
 */
public enum SourceKind {
    /** A metadata CSV in the COVID-Net schema ({@code imagename} column). */
    COVIDNET,
    /** Kermany's chest_xray tree. */
    KERMANY,
    /** One folder per class. */
    FOLDER,
    /** Cohen's covid-chestxray-dataset {@code metadata.csv}. */
    COHEN;

    DatasetLoader loader() {
        return switch (this) {
            case COVIDNET -> new CovidNetCsvDataset();
            case KERMANY -> new KermanyDataset();
            case FOLDER -> new ClassFolderDataset();
            case COHEN -> new CohenMetadataDataset();
        };
    }

    /** Whether the source is a CSV named by the CSV file or its folder. */
    boolean isCsv() {
        return this == COVIDNET || this == COHEN;
    }
}
