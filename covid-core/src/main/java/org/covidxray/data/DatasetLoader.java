package org.covidxray.data;

/**
 * Loads one data set layout. Every loader takes the same {@link DatasetOptions}, so a command line or
 * a program can switch layouts without learning new arguments. Loaders are deterministic: the same
 * files and options give the same samples in the same order.
 */
public interface DatasetLoader {

    /** Short layout name ({@code folders}, {@code kermany}, {@code cohen}, {@code covidnet}). */
    String layout();

    /**
     * Loads the data set.
     *
     * @throws DatasetException when the folder, CSV file, a column or (unless skipping bad rows) an image
     *     is missing or unreadable; the message names it and says what to do
     */
    Dataset load(DatasetOptions options);
}
