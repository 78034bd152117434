package org.covidxray.data;

import java.util.List;
import java.util.Locale;

/** The built-in loaders, looked up by layout name (what a command line's {@code --layout} option takes). */
public final class DatasetLoaders {
    private static final List<DatasetLoader> ALL = List.of(new ClassFolderDataset(), new KermanyDataset(),
            new CohenMetadataDataset(), new CovidNetCsvDataset());

    private DatasetLoaders() {
    }

    /** All built-in loaders. */
    public static List<DatasetLoader> all() {
        return ALL;
    }

    /**
     * The loader for a layout name ({@code folders}, {@code kermany}, {@code cohen}, {@code covidnet}),
     * ignoring case.
     *
     * @throws DatasetException naming the known layouts when there is no such loader
     */
    public static DatasetLoader forLayout(String layout) {
        String wanted = layout == null ? "" : layout.trim().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(l -> l.layout().equals(wanted)).findFirst()
                .orElseThrow(() -> new DatasetException("Unknown data set layout '" + layout + "'; use one of "
                        + ALL.stream().map(DatasetLoader::layout).toList()));
    }
}
