package org.covidxray.sources;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.covidxray.data.CovidNetCsvDataset;
import org.covidxray.data.Dataset;
import org.covidxray.data.DatasetException;
import org.covidxray.data.DatasetMerger;
import org.covidxray.data.DatasetOptions;
import org.covidxray.data.Sample;
import org.covidxray.duplicates.Deduplication;
import org.covidxray.duplicates.Deduplicator;
import org.covidxray.duplicates.DuplicateFinder;
import org.covidxray.duplicates.FilmFingerprint;
import org.covidxray.duplicates.FingerprintCache;

/**
 * Loads any number of sources and merges them into one data set with a fixed class order. CSV sources
 * are named after their folder (e.g. {@code cohen-covid-chestxray-2020-07}, {@code mhh-covid19}), so
 * that results can be reported per source. Unless turned off, each film is kept once across the sources
 * (the copy of the most trusted {@link SourceKind}); the patients of all copies become one patient group.
 *
 * <pre>{@code
 * LoadedSources data = DataSources.builder()
 *         .addSource(SourceKind.KERMANY, Path.of("chest_xray/train"))
 *         .addSource(SourceKind.COHEN, Path.of("covid-chestxray-dataset"))
 *         .addSource(SourceKind.COVIDNET, Path.of("mhh-covid19"))
 *         .build().load();
 * }</pre>
 */
public final class DataSources {
    /** Classes in this order come first when no class order is given. */
    public static final List<String> USUAL_ORDER = List.of("covid", "normal", "pneumonia");
    /** Views kept from CSV sources unless others are given: frontal films. */
    public static final List<String> FRONTAL_VIEWS = List.of("PA", "AP", "AP Supine");

    private final List<Source> sources;
    private final List<String> classes;
    private final List<String> views;
    private final boolean skipBadRows;
    private final long seed;
    private final boolean deduplicate;
    private final int duplicateDistance;
    private final Path fingerprintCache;

    /**
     * One source.
     *
     * @param kind its layout
     * @param path its folder, or for CSV sources the CSV file or its folder
     * @param only classes to take from it, or {@code null} for all
     */
    public record Source(SourceKind kind, Path path, List<String> only) {
        public Source {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(path, "path");
            only = only == null ? null : List.copyOf(only);
        }
    }

    private DataSources(Builder b) {
        this.sources = List.copyOf(b.sources);
        this.classes = b.classes == null ? null : List.copyOf(b.classes);
        this.views = List.copyOf(b.views);
        this.skipBadRows = b.skipBadRows;
        this.seed = b.seed;
        this.deduplicate = b.deduplicate;
        this.duplicateDistance = b.duplicateDistance;
        this.fingerprintCache = b.fingerprintCache;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads, deduplicates and merges every source.
     *
     * @throws DatasetException when there is no source, a source does not exist, or the sources hold
     *     fewer than two of the classes
     */
    public LoadedSources load() {
        if (sources.isEmpty()) {
            throw new DatasetException("No data: give at least one of --folder DIR, --kermany DIR, --cohen CSV or "
                    + "--covidnet CSV.");
        }
        List<Part> parts = new ArrayList<>();
        for (Source source : sources) {
            parts.add(new Part(load(source), source.only(), source.kind()));
        }
        Deduplication found = null;
        if (deduplicate) {
            found = deduplicate(parts);
            List<Part> kept = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                kept.add(new Part(found.parts().get(i), parts.get(i).only(), parts.get(i).kind()));
            }
            parts = kept;
        }
        List<String> order = classes != null ? classes : defaultOrder(parts);
        DatasetMerger merger = DatasetMerger.withClasses(order);
        List<String> names = new ArrayList<>();
        for (Part part : parts) {
            List<String> take = (part.only() == null ? part.dataset().classNames() : part.only()).stream()
                    .filter(order::contains).filter(part.dataset().classNames()::contains).toList();
            if (!take.isEmpty()) {
                merger.add(part.dataset(), take.toArray(String[]::new));
                names.add(part.dataset().name());
            }
        }
        if (names.isEmpty()) {
            throw new DatasetException("None of the data has the classes " + order + ".");
        }
        Dataset merged = merger.merge(String.join("+", names));
        if (merged.size() == 0) {
            throw new DatasetException("The data sources hold no images of the classes " + order + ".");
        }
        return new LoadedSources(merged, found);
    }

    private Dataset load(Source source) {
        if (!Files.exists(source.path())) {
            throw new DatasetException("Data source " + source.path() + " does not exist.");
        }
        DatasetOptions.Builder options;
        if (source.kind().isCsv()) {
            Path csvOrDir = source.path();
            Path root = Files.isDirectory(csvOrDir) ? csvOrDir : csvOrDir.toAbsolutePath().getParent();
            options = options(root).optViews(views);
            Path folder = root.toAbsolutePath().normalize().getFileName();
            if (folder != null) {
                options.optName(folder.toString());
            }
            if (!Files.isDirectory(csvOrDir)) {
                options.optCsvFile(csvOrDir);
            }
            if (source.kind() == SourceKind.COVIDNET) {
                // Hannover's films from before the COVID-19 admission stay in (without a class) until the
                // duplicate check has seen them: Cohen holds two of them labelled COVID-19.
                options.optClassMapping(CovidNetCsvDataset.mappingKeepingUnlabelled());
            }
        } else {
            options = options(source.path());
        }
        return source.kind().loader().load(options.build());
    }

    private DatasetOptions.Builder options(Path root) {
        return DatasetOptions.builder().setRoot(root).optSkipBadRows(skipBadRows).optSeed(seed);
    }

    private Deduplication deduplicate(List<Part> parts) {
        List<Part> byTrust = new ArrayList<>(parts);
        byTrust.sort(Comparator.comparingInt(p -> p.kind().ordinal()));
        List<String> preferred = byTrust.stream().flatMap(p -> p.dataset().samples().stream())
                .map(s -> s.attribute(Sample.SOURCE)).distinct().toList();
        FingerprintCache cache = fingerprintCache == null ? FingerprintCache.inMemory()
                : FingerprintCache.backedBy(fingerprintCache);
        Deduplication result = new Deduplicator(new DuplicateFinder(duplicateDistance), cache, preferred)
                .apply(parts.stream().map(Part::dataset).toList());
        cache.save();
        return result;
    }

    private static List<String> defaultOrder(List<Part> parts) {
        Set<String> found = new LinkedHashSet<>();
        for (Part part : parts) {
            part.dataset().countsByClass().forEach((c, n) -> {
                if (n > 0 && (part.only() == null || part.only().contains(c))) {
                    found.add(c);
                }
            });
        }
        List<String> order = new ArrayList<>(USUAL_ORDER.stream().filter(found::contains).toList());
        found.stream().filter(c -> !order.contains(c)).forEach(order::add);
        if (order.size() < 2) {
            throw new DatasetException("The data has only the class(es) " + order + "; a classifier needs at least "
                    + "two. Add another source (e.g. --kermany for normal and pneumonia images).");
        }
        return order;
    }

    private record Part(Dataset dataset, List<String> only, SourceKind kind) {
    }

    /** Builds {@link DataSources}: {@code addSource} at least once, {@code optX} optional. */
    public static final class Builder {
        private final List<Source> sources = new ArrayList<>();
        private List<String> classes;
        private List<String> views = FRONTAL_VIEWS;
        private boolean skipBadRows;
        private long seed = 42;
        private boolean deduplicate = true;
        private int duplicateDistance = DuplicateFinder.DEFAULT_MAX_DISTANCE;
        private Path fingerprintCache;

        private Builder() {
        }

        public Builder addSource(SourceKind kind, Path path) {
            return addSource(kind, path, null);
        }

        /** A source of which only {@code only} classes are taken ({@code null}: all). */
        public Builder addSource(SourceKind kind, Path path, List<String> only) {
            sources.add(new Source(kind, path, only));
            return this;
        }

        /** The class order (class index i = i-th name); images of other classes are left out. */
        public Builder optClasses(List<String> value) {
            this.classes = value;
            return this;
        }

        /** Views kept from CSV sources (default: {@link #FRONTAL_VIEWS}). */
        public Builder optViews(List<String> value) {
            this.views = List.copyOf(value);
            return this;
        }

        public Builder optSkipBadRows(boolean value) {
            this.skipBadRows = value;
            return this;
        }

        public Builder optSeed(long value) {
            this.seed = value;
            return this;
        }

        /** Whether to keep each film once across the sources (default: true). */
        public Builder optDeduplicate(boolean value) {
            this.deduplicate = value;
            return this;
        }

        /** Largest fingerprint distance, in bits, at which two images are one film. */
        public Builder optDuplicateDistance(int bits) {
            if (bits < 0 || bits >= FilmFingerprint.BITS) {
                throw new IllegalArgumentException("the duplicate distance must be between 0 and "
                        + (FilmFingerprint.BITS - 1) + " bits, not " + bits + "; the measured default is "
                        + DuplicateFinder.DEFAULT_MAX_DISTANCE + ".");
            }
            this.duplicateDistance = bits;
            return this;
        }

        /** A file that keeps fingerprints between runs, or {@code null} for memory only. */
        public Builder optFingerprintCache(Path file) {
            this.fingerprintCache = file;
            return this;
        }

        public DataSources build() {
            return new DataSources(this);
        }
    }
}
