package org.covidxray.examples.options;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.covidxray.data.Dataset;
import org.covidxray.data.PatientSample;
import org.covidxray.duplicates.DuplicateFinder;
import org.covidxray.duplicates.FilmFingerprint;
import org.covidxray.examples.common.UserException;
import org.covidxray.sources.DataSources;
import org.covidxray.sources.LoadedSources;
import org.covidxray.sources.SourceKind;
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

    @Option(names = "--cap", paramLabel = "N", defaultValue = "0",
            description = "At most about N images of each class of each source, whole patients sampled with the seed, "
                    + "so that no single collection decides what a class looks like (default: ${DEFAULT-VALUE} = all).")
    private int cap;

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
        if (duplicateDistance < 0 || duplicateDistance >= FilmFingerprint.BITS) {
            throw new UserException("--duplicate-distance must be between 0 and " + (FilmFingerprint.BITS - 1)
                    + " bits, not " + duplicateDistance + "; the measured default is "
                    + DuplicateFinder.DEFAULT_MAX_DISTANCE + ".");
        }
        DataSources.Builder b = DataSources.builder().optClasses(classes != null ? classes : defaultClasses)
                .optViews(views).optSkipBadRows(skipBadRows).optSeed(seed).optDeduplicate(!noDedup)
                .optDuplicateDistance(duplicateDistance).optFingerprintCache(fingerprintCache);
        folders.forEach(f -> b.addSource(SourceKind.FOLDER, f, folderClasses));
        kermany.forEach(f -> b.addSource(SourceKind.KERMANY, f, kermanyClasses));
        cohen.forEach(f -> b.addSource(SourceKind.COHEN, f, cohenClasses));
        covidnet.forEach(f -> b.addSource(SourceKind.COVIDNET, f, covidnetClasses));
        LoadedSources loaded = b.build().load();
        if (loaded.deduplication() != null && command != null) {
            command.commandLine().getOut().print(loaded.deduplication().toText());
        }
        if (cap < 0) {
            throw new UserException("--cap must be 0 (all images) or a number of images, not " + cap + ".");
        }
        return PatientSample.perSourceAndClass(loaded.dataset(), cap, seed);
    }
}
