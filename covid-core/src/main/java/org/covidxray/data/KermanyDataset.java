package org.covidxray.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kermany et al., "Chest X-Ray Images (Pneumonia)": the root is either a folder holding
 * {@code NORMAL/} and {@code PNEUMONIA/} (e.g. {@code chest_xray/train}) or a folder holding split
 * folders ({@code train/}, {@code val/}, {@code test/}) that each hold them; then every split found is
 * loaded and kept in the attribute {@value #SPLIT}. Default classes: {@code NORMAL} → {@code normal},
 * {@code PNEUMONIA} → {@code pneumonia} (override with a class mapping on the folder names).
 *
 * <p>Patient ids come from the file names (see {@link KermanyFileName}) prefixed with
 * {@code kermany:}, e.g. {@code kermany:person123}, so that merged sources never share an id. Files
 * whose names do not parse count as their own patient and are logged. The pneumonia subtype
 * ({@code bacteria} / {@code virus}) is kept as the attribute {@link Sample#SUBTYPE}. Without a name
 * option the data set is called {@code kermany-<root folder>}, e.g. {@code kermany-train}.
 */
public final class KermanyDataset implements DatasetLoader {
    /** The value of {@link Sample#SOURCE} for this data set. */
    public static final String SOURCE = "kermany";
    /** Attribute key: the split folder a file came from ({@code train}, {@code val}, {@code test}) when loaded from the top. */
    public static final String SPLIT = "split";

    private static final Logger LOG = LoggerFactory.getLogger(KermanyDataset.class);
    private static final List<String> CLASS_FOLDERS = List.of("NORMAL", "PNEUMONIA");

    /** The default mapping of Kermany's folders to our class names. */
    public static ClassMapping defaultMapping() {
        return ClassMapping.builder().map("NORMAL", "normal").map("PNEUMONIA", "pneumonia").build();
    }

    @Override
    public String layout() {
        return "kermany";
    }

    @Override
    public Dataset load(DatasetOptions options) {
        Path root = options.root();
        LoadedSamples.requireFolder(root, "Kermany data set folder",
                "Point the root at chest_xray/train (holding NORMAL/ and PNEUMONIA/) of the data set from "
                        + "doi:10.17632/rscbjbr9sj.2 or Kaggle 'chest-xray-pneumonia'");
        String name = options.name().orElse(SOURCE + "-" + LoadedSamples.name(options, SOURCE));
        Map<String, Path> splits = splitFolders(root);
        ClassMapping mapping = options.classMapping().orElse(defaultMapping());
        BadRows badRows = new BadRows(name, options.skipBadRows());
        List<Sample> samples = new ArrayList<>();
        int unparsed = 0;
        for (Map.Entry<String, Path> split : splits.entrySet()) {
            for (Path classFolder : classFolders(split.getValue())) {
                String folderName = classFolder.getFileName().toString();
                Optional<String> label = mapping.apply(folderName);
                if (label.isEmpty()) {
                    LOG.info("Data set '{}': folder {} excluded by the class mapping", name, classFolder);
                    continue;
                }
                for (Path image : ClassFolders.images(classFolder, name)) {
                    String id = ImageFiles.relative(root, image);
                    if (!badRows.imageOk(image, id, options)) {
                        continue;
                    }
                    Optional<KermanyFileName> parsed = KermanyFileName.parse(image.getFileName().toString());
                    if (parsed.isEmpty()) {
                        unparsed++;
                    }
                    Map<String, String> attributes = new HashMap<>();
                    attributes.put(Sample.SOURCE, SOURCE);
                    attributes.put(Sample.FINDING, folderName);
                    parsed.filter(KermanyFileName::saysPneumonia)
                            .ifPresent(p -> attributes.put(Sample.SUBTYPE, p.subtype()));
                    if (!split.getKey().isEmpty()) {
                        attributes.put(SPLIT, split.getKey());
                    }
                    String patient = SOURCE + ":" + parsed.map(KermanyFileName::patientKey).orElse(id);
                    samples.add(new Sample(id, image, label.get(), patient, attributes));
                }
            }
        }
        if (unparsed > 0) {
            LOG.warn("Data set '{}': {} file names do not follow Kermany's naming (person<ID>_bacteria_<n>, "
                    + "IM-<ID>-<n>, ...); each of them counts as its own patient", name, unparsed);
        }
        if (!options.views().isEmpty()) {
            LOG.warn("Data set '{}': Kermany's data set has no view information; the view filter is ignored", name);
        }
        return LoadedSamples.finish(name, samples, badRows, options);
    }

    /** Split name → folder; a single entry with name "" when the root holds the class folders itself. */
    private static Map<String, Path> splitFolders(Path root) {
        if (!classFolders(root).isEmpty()) {
            return Map.of("", root);
        }
        Map<String, Path> splits = new TreeMap<>();
        for (Path sub : ClassFolders.subFolders(root)) {
            if (!classFolders(sub).isEmpty()) {
                splits.put(sub.getFileName().toString(), sub);
            }
        }
        if (splits.isEmpty()) {
            throw new DatasetException("Kermany data set folder " + root.toAbsolutePath()
                    + " holds neither NORMAL/ and PNEUMONIA/ nor split folders (train/, test/) that hold them. "
                    + "Point the root at chest_xray/train or chest_xray");
        }
        return splits;
    }

    /** The NORMAL / PNEUMONIA folders directly under {@code folder} (matched ignoring case), sorted. */
    private static List<Path> classFolders(Path folder) {
        return ClassFolders.subFolders(folder).stream()
                .filter(p -> CLASS_FOLDERS.contains(p.getFileName().toString().toUpperCase(Locale.ROOT)))
                .toList();
    }
}
