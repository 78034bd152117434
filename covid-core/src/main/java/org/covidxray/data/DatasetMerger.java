package org.covidxray.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one data set from parts of several, with a fixed class order, for example Cohen's COVID-19
 * images plus Kermany's normal and pneumonia images as three classes:
 *
 * <pre>{@code
 * Dataset merged = DatasetMerger.withClasses("covid", "normal", "pneumonia")
 *         .add(cohen, "covid")
 *         .add(kermany, "normal", "pneumonia")
 *         .merge("cohen-covid+kermany");
 * }</pre>
 *
 * The same image file in two parts is refused (it would leak across any split); sample ids that
 * collide between parts get the part's name as prefix. When every class comes from a different single
 * source, a warning says so: a model can then learn the source instead of the disease.
 */
public final class DatasetMerger {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetMerger.class);

    private final List<String> classOrder;
    private final List<Dataset> parts = new ArrayList<>();

    private DatasetMerger(List<String> classOrder) {
        if (classOrder.isEmpty() || new HashSet<>(classOrder).size() != classOrder.size()) {
            throw new IllegalArgumentException("Class order must list each class once: " + classOrder);
        }
        this.classOrder = List.copyOf(classOrder);
    }

    /** Starts a merge whose class index i is {@code classes[i]}. */
    public static DatasetMerger withClasses(String... classes) {
        return new DatasetMerger(Arrays.asList(classes));
    }

    /** Starts a merge whose class index i is {@code classes.get(i)}. */
    public static DatasetMerger withClasses(List<String> classes) {
        return new DatasetMerger(classes);
    }

    /** Adds all samples of a data set; each label must be in the class order. */
    public DatasetMerger add(Dataset part) {
        Set<String> unknown = new TreeSet<>(part.countsByClass().keySet());
        part.countsByClass().forEach((c, n) -> {
            if (n == 0) {
                unknown.remove(c);
            }
        });
        unknown.removeAll(classOrder);
        if (!unknown.isEmpty()) {
            throw new DatasetException("Data set '" + part.name() + "' has classes " + unknown
                    + " that are not in the merge's class order " + classOrder
                    + "; add them to the order or take only some classes with add(part, classes...)");
        }
        parts.add(part);
        return this;
    }

    /** Adds only the samples of the given classes of a data set. */
    public DatasetMerger add(Dataset part, String... classes) {
        Set<String> keep = new LinkedHashSet<>(Arrays.asList(classes));
        Set<String> missing = new TreeSet<>(keep);
        missing.removeAll(part.classNames());
        if (!missing.isEmpty()) {
            throw new DatasetException("Data set '" + part.name() + "' has no classes " + missing
                    + "; its classes are " + part.classNames());
        }
        String partName = part.name() + "[" + String.join(",", keep) + "]";
        Dataset selected = new Dataset(partName, List.copyOf(keep),
                part.samples().stream().filter(s -> keep.contains(s.label())).toList(), part.skipped());
        return add(selected);
    }

    /** The merged data set. */
    public Dataset merge(String name) {
        List<Sample> samples = new ArrayList<>();
        List<SkippedRow> skipped = new ArrayList<>();
        Map<Path, String> pathOwner = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (Dataset part : parts) {
            for (Sample s : part.samples()) {
                String owner = pathOwner.putIfAbsent(s.path().toAbsolutePath().normalize(), part.name());
                if (owner != null) {
                    throw new DatasetException("Image file " + s.path() + " is in both '" + owner + "' and '"
                            + part.name() + "'; merge each image once (it would otherwise leak across splits)");
                }
                Sample unique = ids.add(s.id()) ? s
                        : new Sample(part.name() + "/" + s.id(), s.path(), s.label(), s.patientId(), s.attributes());
                if (unique != s && !ids.add(unique.id())) {
                    throw new DatasetException("Sample id " + unique.id() + " occurs twice in merge '" + name
                            + "'; give the parts distinct names");
                }
                samples.add(unique);
            }
            skipped.addAll(part.skipped());
        }
        Dataset merged = new Dataset(name, classOrder, samples, skipped);
        warnOnSourceConfound(merged);
        return merged;
    }

    private static void warnOnSourceConfound(Dataset merged) {
        Map<String, Set<String>> sourcesByClass = new TreeMap<>();
        merged.samples().forEach(s -> sourcesByClass.computeIfAbsent(s.label(), k -> new TreeSet<>())
                .add(s.attribute(Sample.SOURCE)));
        boolean oneSourceEach = sourcesByClass.size() > 1
                && sourcesByClass.values().stream().allMatch(v -> v.size() == 1);
        Set<Set<String>> distinct = new HashSet<>(sourcesByClass.values());
        if (oneSourceEach && distinct.size() > 1) {
            LOG.warn("Data set '{}': classes come from different sources {}; a model may learn the source "
                    + "(age group, hospital, scanner) instead of the disease", merged.name(), sourcesByClass);
        }
    }
}
