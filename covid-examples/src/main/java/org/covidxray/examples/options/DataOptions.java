package org.covidxray.examples.options;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.covidxray.data.ClassFolderDataset;
import org.covidxray.data.CohenMetadataDataset;
import org.covidxray.data.CovidNetCsvDataset;
import org.covidxray.data.Dataset;
import org.covidxray.data.DatasetLoader;
import org.covidxray.data.DatasetMerger;
import org.covidxray.data.DatasetOptions;
import org.covidxray.data.KermanyDataset;
import org.covidxray.data.Sample;
import org.covidxray.duplicates.Deduplication;
import org.covidxray.duplicates.Deduplicator;
import org.covidxray.duplicates.DuplicateFinder;
import org.covidxray.duplicates.FilmFingerprint;
import org.covidxray.duplicates.FingerprintCache;
import org.covidxray.examples.common.UserException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where the images come from: any number of class-per-folder trees, Kermany trees, Cohen
 * {@code metadata.csv} files and metadata CSVs in the COVID-Net schema, merged into one data set with a
 * fixed class order. CSV sources are named after their folder (e.g. {@code cohen-covid-chestxray-2020-07},
 * {@code mhh-covid19}), so that results can be reported per source.
 */
public final class DataOptions {
    /** Classes in this order come first when {@code --classes} is not given. */
    private static final List<String> USUAL_ORDER = List.of("covid", "normal", "pneumonia");

    @Option(names = {"--folder", "--data"}, paramLabel = "DIR",
            description = "A tree with one folder per class (e.g. covid/, normal/). Repeatable.")
    private List<Path> folders = new ArrayList<>();

    @Option(names = "--kermany", paramLabel = "DIR",
            description = "Kermany's chest_xray tree (a folder holding NORMAL/ and PNEUMONIA/, or train/ val/ test/). Repeatable.")
    private List<Path> kermany = new ArrayList<>();

    @Option(names = "--cohen", paramLabel = "CSV|DIR",
            description = "Cohen's covid-chestxray-dataset: its metadata.csv or the folder holding it. Repeatable.")
    private List<Path> cohen = new ArrayList<>();

    @Option(names = "--covidnet", paramLabel = "CSV|DIR",
            description = "A metadata CSV in the COVID-Net schema (column imagename, e.g. the NIH ChestX-ray14 or "
                    + "Hannover sets), or the folder holding its metadata.csv. Repeatable.")
    private List<Path> covidnet = new ArrayList<>();

    @Option(names = "--classes", split = ",", paramLabel = "CLASS",
            description = "The class order (class index i = i-th name), e.g. covid,normal,pneumonia. "
                    + "Images of other classes are left out. Default: every class found (covid, normal, pneumonia first).")
    private List<String> classes;

    @Option(names = "--folder-classes", split = ",", paramLabel = "CLASS", description = "Take only these classes from --folder trees.")
    private List<String> folderClasses;

    @Option(names = "--kermany-classes", split = ",", paramLabel = "CLASS",
            description = "Take only these classes from Kermany (normal, pneumonia).")
    private List<String> kermanyClasses;

    @Option(names = "--cohen-classes", split = ",", paramLabel = "CLASS",
            description = "Take only these classes from Cohen (covid, normal, pneumonia).")
    private List<String> cohenClasses;

    @Option(names = "--covidnet-classes", split = ",", paramLabel = "CLASS",
            description = "Take only these classes from --covidnet sources (covid, normal, pneumonia).")
    private List<String> covidnetClasses;

    @Option(names = "--views", split = ",", paramLabel = "VIEW", defaultValue = "PA,AP,AP Supine",
            description = "Views to keep from --cohen and --covidnet sources (default: ${DEFAULT-VALUE}; lateral views are left out).")
    private List<String> views;

    @Option(names = "--no-dedup", description = "Keep every copy of a film found in several sources (default: "
            + "keep each film once, by image content, and join the patients of its copies).")
    private boolean noDedup;

    @Option(names = "--duplicate-distance", paramLabel = "BITS", defaultValue = "" + DuplicateFinder.DEFAULT_MAX_DISTANCE,
            description = "Images whose 255-bit perceptual hashes differ in at most this many bits are one film "
                    + "(default: ${DEFAULT-VALUE}, measured on the shared data).")
    private int duplicateDistance;

    @Option(names = "--fingerprint-cache", paramLabel = "FILE",
            description = "Keep image fingerprints in this file so later runs need not decode every image again.")
    private Path fingerprintCache;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--skip-bad-rows", description = "Skip (and report) unreadable rows and missing images instead of stopping.")
    private boolean skipBadRows;

    /** The class order given with {@code --classes}, or null when the data decides. */
    public List<String> classes() {
        return classes;
    }

    public boolean any() {
        return !folders.isEmpty() || !kermany.isEmpty() || !cohen.isEmpty() || !covidnet.isEmpty();
    }

    /** Loads and merges every source. */
    public Dataset load(long seed) {
        return load(seed, null);
    }

    /** Loads and merges every source; without --classes, in {@code defaultClasses} order when given (a model's). */
    public Dataset load(long seed, List<String> defaultClasses) {
        if (!any()) {
            throw new UserException("No data: give at least one of --folder DIR, --kermany DIR, --cohen CSV or "
                    + "--covidnet CSV.");
        }
        List<Part> parts = new ArrayList<>();
        for (Path folder : folders) {
            parts.add(new Part(load(new ClassFolderDataset(), options(folder, seed).build(), folder), folderClasses,
                    Kind.FOLDER));
        }
        for (Path root : kermany) {
            parts.add(new Part(load(new KermanyDataset(), options(root, seed).build(), root), kermanyClasses,
                    Kind.KERMANY));
        }
        for (Path csvOrDir : cohen) {
            parts.add(new Part(load(new CohenMetadataDataset(), csvOptions(csvOrDir, seed).build(), csvOrDir),
                    cohenClasses, Kind.COHEN));
        }
        for (Path csvOrDir : covidnet) {
            // Hannover's films from before the COVID-19 admission stay in (without a class) until the
            // duplicate check has seen them: Cohen holds two of them labelled COVID-19.
            DatasetOptions options = csvOptions(csvOrDir, seed)
                    .optClassMapping(CovidNetCsvDataset.mappingKeepingUnlabelled()).build();
            parts.add(new Part(load(new CovidNetCsvDataset(), options, csvOrDir), covidnetClasses, Kind.COVIDNET));
        }
        if (!noDedup) {
            parts = deduplicate(parts);
        }
        List<String> order = classes != null ? classes : defaultClasses != null ? defaultClasses : defaultOrder(parts);
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
            throw new UserException("None of the data has the classes " + order + ".");
        }
        Dataset merged = merger.merge(String.join("+", names));
        if (merged.size() == 0) {
            throw new UserException("The data sources hold no images of the classes " + order + ".");
        }
        return merged;
    }

    /**
     * Keeps each film once across (and within) the sources. The copy kept is the one from a hospital's own
     * release (--covidnet, --kermany, --folder sources, in that order) before Cohen's collection, which
     * re-published films of other hospitals with labels of its own.
     */
    private List<Part> deduplicate(List<Part> parts) {
        if (duplicateDistance < 0 || duplicateDistance >= FilmFingerprint.BITS) {
            throw new UserException("--duplicate-distance must be between 0 and " + (FilmFingerprint.BITS - 1)
                    + " bits, not " + duplicateDistance + "; the measured default is "
                    + DuplicateFinder.DEFAULT_MAX_DISTANCE + ".");
        }
        List<Part> byTrust = new ArrayList<>(parts);
        byTrust.sort(Comparator.comparingInt(p -> p.kind().ordinal()));
        List<String> preferred = byTrust.stream().flatMap(p -> p.dataset().samples().stream())
                .map(s -> s.attribute(Sample.SOURCE)).distinct().toList();
        FingerprintCache cache = fingerprintCache == null ? FingerprintCache.inMemory()
                : FingerprintCache.backedBy(fingerprintCache);
        Deduplication result = new Deduplicator(new DuplicateFinder(duplicateDistance), cache, preferred)
                .apply(parts.stream().map(Part::dataset).toList());
        cache.save();
        if (command != null) {
            command.commandLine().getOut().print(result.toText());
        }
        List<Part> deduplicated = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            deduplicated.add(new Part(result.parts().get(i), part.only(), part.kind()));
        }
        return deduplicated;
    }

    /** Options for a CSV source given as the CSV or its folder, named after that folder. */
    private DatasetOptions.Builder csvOptions(Path csvOrDir, long seed) {
        Path root = Files.isDirectory(csvOrDir) ? csvOrDir : csvOrDir.toAbsolutePath().getParent();
        DatasetOptions.Builder b = options(root, seed).optViews(views);
        Path folder = root.toAbsolutePath().normalize().getFileName();
        if (folder != null) {
            b.optName(folder.toString());
        }
        return Files.isDirectory(csvOrDir) ? b : b.optCsvFile(csvOrDir);
    }

    private DatasetOptions.Builder options(Path root, long seed) {
        return DatasetOptions.builder().setRoot(root).optSkipBadRows(skipBadRows).optSeed(seed);
    }

    private static Dataset load(DatasetLoader loader, DatasetOptions options, Path given) {
        if (!Files.exists(given)) {
            throw new UserException("Data source " + given + " does not exist.");
        }
        return loader.load(options);
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
            throw new UserException("The data has only the class(es) " + order + "; a classifier needs at least two. "
                    + "Add another source (e.g. --kermany for normal and pneumonia images).");
        }
        return order;
    }

    /** Kinds of source, in the order their copies of a film are preferred. */
    private enum Kind { COVIDNET, KERMANY, FOLDER, COHEN }

    private record Part(Dataset dataset, List<String> only, Kind kind) {
    }
}
