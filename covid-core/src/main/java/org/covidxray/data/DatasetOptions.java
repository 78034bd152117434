package org.covidxray.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The options every loader takes (the same arguments for every layout, as torchxrayvision does): where
 * the data is, how source labels map to classes, which views, modalities and findings to keep, whether
 * bad rows are skipped (and recorded) or fail the load, whether image headers are verified, and a seed
 * for whatever is random downstream (splits). Filters match trimmed and case-insensitively; an empty
 * filter keeps everything (except that CSV loaders keep only X-ray rows unless modalities are given).
 */
public final class DatasetOptions {
    private final Path root;
    private final String name;
    private final ClassMapping classMapping;
    private final Set<String> views;
    private final Set<String> modalities;
    private final Set<String> findings;
    private final List<String> classOrder;
    private final boolean skipBadRows;
    private final boolean verifyImages;
    private final long seed;
    private final Path csvFile;
    private final Path imageDir;

    private DatasetOptions(Builder b) {
        root = b.root;
        name = b.name;
        classMapping = b.classMapping;
        views = normalise(b.views);
        modalities = normalise(b.modalities);
        findings = normalise(b.findings);
        classOrder = List.copyOf(b.classOrder);
        skipBadRows = b.skipBadRows;
        verifyImages = b.verifyImages;
        seed = b.seed;
        csvFile = b.csvFile;
        imageDir = b.imageDir;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options with only the root set. */
    public static DatasetOptions of(Path root) {
        return builder().setRoot(root).build();
    }

    /** A builder that starts from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.root = root;
        b.name = name;
        b.classMapping = classMapping;
        b.views = views;
        b.modalities = modalities;
        b.findings = findings;
        b.classOrder = classOrder;
        b.skipBadRows = skipBadRows;
        b.verifyImages = verifyImages;
        b.seed = seed;
        b.csvFile = csvFile;
        b.imageDir = imageDir;
        return b;
    }

    /** The data set folder (class folders, Kermany split folder, or the folder holding the CSV). */
    public Path root() {
        return root;
    }

    /** The data set name, if one was given (loaders otherwise derive one from the root). */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** The class mapping, if one was given (loaders otherwise use their own default). */
    public Optional<ClassMapping> classMapping() {
        return Optional.ofNullable(classMapping);
    }

    /** Views to keep, lower case; empty keeps all. */
    public Set<String> views() {
        return views;
    }

    /** Modalities to keep, lower case; empty means the loader's default. */
    public Set<String> modalities() {
        return modalities;
    }

    /** Source findings to keep (before mapping), lower case; empty keeps all. */
    public Set<String> findings() {
        return findings;
    }

    /** A fixed class order; empty means the loader's natural order. */
    public List<String> classOrder() {
        return classOrder;
    }

    public boolean skipBadRows() {
        return skipBadRows;
    }

    public boolean verifyImages() {
        return verifyImages;
    }

    public long seed() {
        return seed;
    }

    /** The CSV file for CSV loaders, if given; they default to {@code metadata.csv} under the root. */
    public Optional<Path> csvFile() {
        return Optional.ofNullable(csvFile);
    }

    /** The image folder for CSV loaders, if given; they default to a folder named by the CSV or the root. */
    public Optional<Path> imageDir() {
        return Optional.ofNullable(imageDir);
    }

    /** True when {@code value} passes a filter built by this class (empty filter passes everything). */
    static boolean accepts(Set<String> filter, String value) {
        return filter.isEmpty() || filter.contains(value == null ? "" : value.trim().toLowerCase(Locale.ROOT));
    }

    private static Set<String> normalise(Collection<String> values) {
        return values.stream().map(v -> v.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Override
    public String toString() {
        return "DatasetOptions[root=" + root + ", mapping=" + classMapping + ", views=" + views + ", modalities="
                + modalities + ", findings=" + findings + ", skipBadRows=" + skipBadRows + ", verifyImages="
                + verifyImages + ", seed=" + seed + "]";
    }

    /** Builder: {@code setRoot} is required, everything else optional. */
    public static final class Builder {
        private Path root;
        private String name;
        private ClassMapping classMapping;
        private Collection<String> views = Set.of();
        private Collection<String> modalities = Set.of();
        private Collection<String> findings = Set.of();
        private List<String> classOrder = List.of();
        private boolean skipBadRows;
        private boolean verifyImages;
        private long seed = 42L;
        private Path csvFile;
        private Path imageDir;

        public Builder setRoot(Path value) {
            root = Objects.requireNonNull(value, "root");
            return this;
        }

        public Builder optName(String value) {
            name = value;
            return this;
        }

        public Builder optClassMapping(ClassMapping value) {
            classMapping = value;
            return this;
        }

        public Builder optViews(Collection<String> value) {
            views = List.copyOf(value);
            return this;
        }

        public Builder optViews(String... value) {
            return optViews(Arrays.asList(value));
        }

        public Builder optModalities(Collection<String> value) {
            modalities = List.copyOf(value);
            return this;
        }

        public Builder optModalities(String... value) {
            return optModalities(Arrays.asList(value));
        }

        public Builder optFindings(Collection<String> value) {
            findings = List.copyOf(value);
            return this;
        }

        public Builder optFindings(String... value) {
            return optFindings(Arrays.asList(value));
        }

        /** Fixes the class order (class index i is {@code value.get(i)}); every loaded label must be listed. */
        public Builder optClassOrder(List<String> value) {
            classOrder = List.copyOf(value);
            return this;
        }

        /** Skip bad rows and files (each is recorded in {@link Dataset#skipped()} and logged) instead of failing. */
        public Builder optSkipBadRows(boolean value) {
            skipBadRows = value;
            return this;
        }

        /** Check each image's header with ImageIO while loading (cheap, but opens every file). */
        public Builder optVerifyImages(boolean value) {
            verifyImages = value;
            return this;
        }

        public Builder optSeed(long value) {
            seed = value;
            return this;
        }

        public Builder optCsvFile(Path value) {
            csvFile = value;
            return this;
        }

        public Builder optImageDir(Path value) {
            imageDir = value;
            return this;
        }

        public DatasetOptions build() {
            if (root == null) {
                throw new DatasetException("DatasetOptions: no root folder given; call setRoot(path to the data set)");
            }
            return new DatasetOptions(this);
        }
    }
}
