package org.covidxray.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.covidxray.examples.common.ExitCodes;
import org.covidxray.examples.common.UserException;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.examples.model.OcclusionExplainer;
import org.covidxray.examples.options.ModelOptions;
import org.covidxray.gate.InputGate;
import org.covidxray.io.AtomicFiles;
import org.covidxray.model.Classifier;
import org.covidxray.saliency.OcclusionSaliency;
import org.covidxray.saliency.SaliencyMap;
import org.covidxray.saliency.SaliencyOverlay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code covid explain}: an occlusion saliency overlay for one image. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Draw an occlusion saliency map over an X-ray: where covering the image changes the "
                + "model's output most. It shows what the model looks at, not where disease is.",
                "Research software, not a diagnostic device."})
public final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Parameters(index = "0", paramLabel = "FILE", description = "The image to explain.")
    Path file;

    @Option(names = {"-o", "--out"}, paramLabel = "PNG", defaultValue = "saliency.png",
            description = "Where to write the overlay (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--class", paramLabel = "CLASS", description = "Explain this class (default: the predicted one).")
    String targetClass;

    @Option(names = "--patch", defaultValue = "0", description = "Occluding patch side in input pixels (default: an eighth of the input).")
    int patch;

    @Option(names = "--stride", defaultValue = "0", description = "Step between patches (default: half the patch).")
    int stride;

    @Option(names = "--opacity", defaultValue = "0.6", description = "Opacity of the map at its strongest (default: ${DEFAULT-VALUE}).")
    double opacity;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        if (!Files.isRegularFile(file)) {
            throw new UserException("Image " + file + " does not exist or is not a file.");
        }
        byte[] image = Files.readAllBytes(file);
        OcclusionSaliency saliency = OcclusionSaliency.defaults().withPatchSize(patch).withStride(stride);
        SaliencyOverlay overlay = new SaliencyOverlay(opacity, SaliencyOverlay.defaults().maxSide());
        try (Classifier classifier = modelOptions.load(spec.commandLine().getErr())) {
            // the same gate as predict: a saliency map of something that is not a radiograph means nothing
            InputGate.defaults().decodeGray(image, file.toString(), classifier.preprocessing().maxPixels());
            if (targetClass != null && !classifier.classNames().contains(targetClass)) {
                throw new UserException("--class '" + targetClass + "' is not a class of the model; its classes are "
                        + classifier.classNames() + ".");
            }
            OcclusionExplainer.Result result = new OcclusionExplainer(saliency, overlay)
                    .explain(classifier, image, file.toString(), targetClass);
            AtomicFiles.write(out, result.overlayPng());
            SaliencyMap map = result.map();
            stdout.printf(Locale.ROOT, "Saliency of class %s (probability %.3f) for %s written to %s "
                            + "(patch %d px, stride %d px, %d occluded predictions).%n", map.targetClass(),
                    map.baseProbability(), file, out, map.patchSize(), map.stride(), map.evaluations());
            stdout.println("Bright regions are where covering the image lowered that probability most: what the "
                    + "model looks at, not where disease is.");
            stdout.println(Disclaimer.TEXT);
        }
        return ExitCodes.OK;
    }
}
