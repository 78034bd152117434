package org.covidxray.examples.experiments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.covidxray.data.Sample;
import org.covidxray.image.GrayImage;
import org.covidxray.image.ImageDecoder;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.image.Preprocessor;
import org.covidxray.model.Classifier;
import org.covidxray.saliency.OcclusionSaliency;
import org.covidxray.saliency.SaliencyMap;
import org.covidxray.saliency.SaliencyOverlay;

/**
 * Occlusion saliency overlays of a few images, written as PNG files, with one number per image that
 * flags a shortcut: the share of the saliency that falls in the outer border band of the input (where
 * text, markers and collimation edges are, and lungs are not), next to that band's share of the area.
 */
final class SaliencyGallery {
    /** Width of the border band as a share of the side. */
    static final double BORDER = 0.125;

    /**
     * One explained image.
     *
     * @param sampleId the image
     * @param file the overlay PNG, relative to the report folder
     * @param covidProbability the explained class's probability
     * @param borderShare share of the heat in the border band
     */
    record Entry(String sampleId, String file, double covidProbability, double borderShare) {
    }

    private SaliencyGallery() {
    }

    static List<Entry> write(Classifier classifier, List<Sample> samples, int target, Path reportFolder, String subfolder) {
        PreprocessingConfig preprocessing = classifier.preprocessing();
        Preprocessor preprocessor = new Preprocessor(preprocessing);
        OcclusionSaliency saliency = OcclusionSaliency.defaults();
        SaliencyOverlay overlay = SaliencyOverlay.defaults();
        List<Entry> entries = new ArrayList<>();
        int n = 0;
        for (Sample s : samples) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(s.path());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + s.path(), e);
            }
            GrayImage original = ImageDecoder.decodeGray(bytes, s.path().toString(), preprocessing.maxPixels());
            ImageTensor input = preprocessor.apply(original);
            SaliencyMap map = saliency.explain(classifier, input, target);
            String name = String.format("%s/%02d-%s.png", subfolder, ++n,
                    s.path().getFileName().toString().replaceAll("\\.[^.]+$", "").replaceAll("[^A-Za-z0-9._-]", "_"));
            SaliencyOverlay.writePng(overlay.render(original, preprocessing, map), reportFolder.resolve(name));
            entries.add(new Entry(s.id(), name, map.baseProbability(), borderShare(map)));
        }
        return entries;
    }

    /** Share of the total heat inside the border band; NaN when the map is all zero. */
    static double borderShare(SaliencyMap map) {
        int bx = (int) Math.round(BORDER * map.width());
        int by = (int) Math.round(BORDER * map.height());
        double total = 0;
        double border = 0;
        for (int y = 0; y < map.height(); y++) {
            for (int x = 0; x < map.width(); x++) {
                double h = map.heat(x, y);
                total += h;
                if (x < bx || y < by || x >= map.width() - bx || y >= map.height() - by) {
                    border += h;
                }
            }
        }
        return total == 0 ? Double.NaN : border / total;
    }

    /** The border band's share of the area (what the heat share would be if saliency were uniform). */
    static double borderArea() {
        double inner = 1 - 2 * BORDER;
        return 1 - inner * inner;
    }

    /**
     * Writes overlays of the first {@code count} of {@code correct} (by sample id) into {@code subfolder} and
     * the run's section and result {@code subfolder} with each image's border share and their mean.
     */
    static void section(ExperimentRun run, Classifier classifier, List<Sample> correct, int count, int target,
                        String subfolder) {
        List<Sample> sorted = new ArrayList<>(correct);
        sorted.sort(Comparator.comparing(Sample::id));
        List<Sample> chosen = sorted.subList(0, Math.min(count, sorted.size()));
        List<Entry> entries = write(classifier, chosen, target, run.out(), subfolder);
        double meanBorder = entries.stream().mapToDouble(Entry::borderShare).filter(v -> !Double.isNaN(v))
                .average().orElse(Double.NaN);
        run.result(subfolder, Map.of("entries", entries, "meanBorderShare", meanBorder,
                "borderAreaShare", borderArea()));
        StringBuilder md = new StringBuilder();
        md.append("Occlusion saliency of the COVID-19 probability for ").append(entries.size()).append(" of ")
                .append(correct.size()).append(" correctly classified COVID-19 test images. Share of the saliency in "
                        + "the outer band (").append(Text.percent(BORDER)).append(" of the side at each edge, ")
                .append(Text.percent(borderArea())).append(" of the area): mean ")
                .append(Text.percent(meanBorder)).append(meanBorder > borderArea()
                        ? " — more than the band's area: the model leans on borders, text or markers, not only on the lungs."
                        : " — not more than the band's area.").append("\n\n");
        for (Entry e : entries) {
            md.append("- `").append(e.sampleId()).append("`: p(COVID-19) ").append(Text.number(e.covidProbability(), 3))
                    .append(", border share ").append(Text.percent(e.borderShare())).append(" — ![](")
                    .append(e.file()).append(")\n");
        }
        run.section("Saliency of correctly classified COVID-19 images (`" + subfolder + "/`)", md.toString());
    }
}
