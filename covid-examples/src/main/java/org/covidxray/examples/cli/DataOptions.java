package org.covidxray.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.covidxray.data.ClassFolderDataset;
import org.covidxray.data.CohenMetadataDataset;
import org.covidxray.data.Dataset;
import org.covidxray.data.DatasetLoader;
import org.covidxray.data.DatasetMerger;
import org.covidxray.data.DatasetOptions;
import org.covidxray.data.KermanyDataset;
import picocli.CommandLine.Option;

/**
 * Where the images come from: any number of class-per-folder trees, Kermany trees and Cohen
 * {@code metadata.csv} files, merged into one data set with a fixed class order.
 */
final class DataOptions {
    /** Classes in this order come first when {@code --classes} is not given. */
    private static final List<String> USUAL_ORDER = List.of("covid", "normal", "pneumonia");

    @Option(names = {"--folder", "--data"}, paramLabel = "DIR",
            description = "A tree with one folder per class (e.g. covid/, normal/). Repeatable.")
    List<Path> folders = new ArrayList<>();

    @Option(names = "--kermany", paramLabel = "DIR",
            description = "Kermany's chest_xray tree (a folder holding NORMAL/ and PNEUMONIA/, or train/ val/ test/). Repeatable.")
    List<Path> kermany = new ArrayList<>();

    @Option(names = "--cohen", paramLabel = "CSV|DIR",
            description = "Cohen's covid-chestxray-dataset: its metadata.csv or the folder holding it. Repeatable.")
    List<Path> cohen = new ArrayList<>();

    @Option(names = "--classes", split = ",", paramLabel = "CLASS",
            description = "The class order (class index i = i-th name), e.g. covid,normal,pneumonia. "
                    + "Images of other classes are left out. Default: every class found (covid, normal, pneumonia first).")
    List<String> classes;

    @Option(names = "--folder-classes", split = ",", paramLabel = "CLASS", description = "Take only these classes from --folder trees.")
    List<String> folderClasses;

    @Option(names = "--kermany-classes", split = ",", paramLabel = "CLASS",
            description = "Take only these classes from Kermany (normal, pneumonia).")
    List<String> kermanyClasses;

    @Option(names = "--cohen-classes", split = ",", paramLabel = "CLASS",
            description = "Take only these classes from Cohen (covid, normal, pneumonia).")
    List<String> cohenClasses;

    @Option(names = "--views", split = ",", paramLabel = "VIEW", defaultValue = "PA,AP,AP Supine",
            description = "Cohen views to keep (default: ${DEFAULT-VALUE}; lateral views are left out).")
    List<String> views;

    @Option(names = "--skip-bad-rows", description = "Skip (and report) unreadable rows and missing images instead of stopping.")
    boolean skipBadRows;

    boolean any() {
        return !folders.isEmpty() || !kermany.isEmpty() || !cohen.isEmpty();
    }

    /** Loads and merges every source. */
    Dataset load(long seed) {
        return load(seed, null);
    }

    /** Loads and merges every source; without --classes, in {@code defaultClasses} order when given (a model's). */
    Dataset load(long seed, List<String> defaultClasses) {
        if (!any()) {
            throw new UserException("No data: give at least one of --folder DIR, --kermany DIR or --cohen CSV.");
        }
        List<Part> parts = new ArrayList<>();
        for (Path folder : folders) {
            parts.add(new Part(load(new ClassFolderDataset(), options(folder, seed).build(), folder), folderClasses));
        }
        for (Path root : kermany) {
            parts.add(new Part(load(new KermanyDataset(), options(root, seed).build(), root), kermanyClasses));
        }
        for (Path csvOrDir : cohen) {
            DatasetOptions.Builder b = Files.isDirectory(csvOrDir) ? options(csvOrDir, seed)
                    : options(csvOrDir.toAbsolutePath().getParent(), seed).optCsvFile(csvOrDir);
            parts.add(new Part(load(new CohenMetadataDataset(), b.optViews(views).build(), csvOrDir), cohenClasses));
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

    private record Part(Dataset dataset, List<String> only) {
    }
}
