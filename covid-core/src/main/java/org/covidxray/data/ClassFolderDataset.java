package org.covidxray.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One folder per class ({@code root/covid/*.jpg}, {@code root/normal/*.jpg}; the original project's
 * {@code dataset/} layout, or any such tree). The class is the folder name, passed through the class
 * mapping (default: unchanged). Images are files with the extensions of {@link ImageFileNames#EXTENSIONS} (any case),
 * at any depth below the class folder, in sorted order.
 *
 * <p>This layout says nothing about patients, so every image counts as its own patient
 * ({@code <data set name>:<class folder>/<file>}). Splits of such a data set can put two images of one
 * patient on both sides; prefer a layout with patient ids (Kermany, Cohen) when you can.
 */
public final class ClassFolderDataset implements DatasetLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ClassFolderDataset.class);

    @Override
    public String layout() {
        return "folders";
    }

    @Override
    public Dataset load(DatasetOptions options) {
        Path root = options.root();
        LoadedSamples.requireFolder(root, "Class-folder data set",
                "Point the root at a folder with one sub-folder per class (for example covid/ and normal/)");
        String name = LoadedSamples.name(options, "folders");
        List<Path> folders = ClassFolders.subFolders(root);
        if (folders.isEmpty()) {
            throw new DatasetException("Class-folder data set " + root.toAbsolutePath() + " has no sub-folders. "
                    + "Put each class's images in a sub-folder named after the class (for example covid/, normal/)");
        }
        if (!options.views().isEmpty() || !options.findings().isEmpty()) {
            LOG.warn("Data set '{}': the class-folder layout has no view or finding information; "
                    + "the view and finding filters are ignored", name);
        }
        ClassMapping mapping = options.classMapping().orElse(ClassMapping.identity());
        BadRows badRows = new BadRows(name, options.skipBadRows());
        List<Sample> samples = new ArrayList<>();
        for (Path folder : folders) {
            String folderName = folder.getFileName().toString();
            Optional<String> label = mapping.apply(folderName);
            List<Path> images = ClassFolders.images(folder, name);
            if (label.isEmpty()) {
                LOG.info("Data set '{}': class folder '{}' ({} images) excluded by the class mapping",
                        name, folderName, images.size());
                continue;
            }
            for (Path image : images) {
                String id = ImageFiles.relative(root, image);
                if (badRows.imageOk(image, id, options)) {
                    samples.add(new Sample(id, image, label.get(), name + ":" + id,
                            Map.of(Sample.SOURCE, name, Sample.FINDING, folderName)));
                }
            }
        }
        return LoadedSamples.finish(name, samples, badRows, options);
    }
}
