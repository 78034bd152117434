package org.covidxray.data;

/**
 * The columns a metadata CSV loader reads. Column names are matched ignoring case.
 *
 * @param source the patient id prefix and, unless {@link DatasetOptions#name()} is given, the value of
 *     {@link Sample#SOURCE} ({@code cohen}); {@code null} makes both the data set's name (COVID-Net sources)
 * @param imageColumn the image file name column (required)
 * @param patientColumn the patient id column (required)
 * @param findingColumn the finding column (required)
 * @param viewColumn the view column (required only when a view filter is given)
 * @param modalityColumn the modality column (optional; without it every row is kept)
 * @param folderColumn a column naming the image folder relative to the root, or {@code null}
 * @param defaultImageFolder the image folder relative to the root when neither the folder column nor
 *     {@link DatasetOptions#imageDir()} says otherwise
 * @param whereToGet what to tell a user whose CSV or images are missing
 */
record CsvSchema(String source, String imageColumn, String patientColumn, String findingColumn, String viewColumn,
                 String modalityColumn, String folderColumn, String defaultImageFolder, String whereToGet) {
}
