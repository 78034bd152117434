package org.covidxray.examples.model;

import java.util.Objects;
import org.covidxray.image.GrayImage;
import org.covidxray.image.ImageDecoder;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.image.Preprocessor;
import org.covidxray.model.Classifier;
import org.covidxray.model.Prediction;
import org.covidxray.saliency.OcclusionSaliency;
import org.covidxray.saliency.SaliencyMap;
import org.covidxray.saliency.SaliencyOverlay;

/**
 * Occlusion saliency for the class the model's decision rule predicts, drawn over the original image
 * (its aspect ratio kept). Works for every engine: it only calls {@link Classifier#predict}.
 */
public final class OcclusionExplainer {
    private final OcclusionSaliency saliency;
    private final SaliencyOverlay overlay;

    public OcclusionExplainer(OcclusionSaliency saliency, SaliencyOverlay overlay) {
        this.saliency = Objects.requireNonNull(saliency, "saliency");
        this.overlay = Objects.requireNonNull(overlay, "overlay");
    }

    /** Default patch and stride, overlay at 60% opacity, longer side at most 1024 px. */
    public static OcclusionExplainer defaults() {
        return new OcclusionExplainer(OcclusionSaliency.defaults(), SaliencyOverlay.defaults());
    }

    /**
     * The map and the overlay for one image.
     *
     * @param map the saliency map, aligned with the network input
     * @param overlayPng the original image with the map drawn over it, as PNG
     */
    public record Result(SaliencyMap map, byte[] overlayPng) {
    }

    /**
     * Explains {@code targetClass}, or the predicted class when it is {@code null} (for a multi-label model: the
     * label with the highest score).
     */
    public Result explain(Classifier classifier, byte[] image, String name, String targetClass) {
        PreprocessingConfig preprocessing = classifier.preprocessing();
        GrayImage original = ImageDecoder.decodeGray(image, name, preprocessing.maxPixels());
        ImageTensor input = new Preprocessor(preprocessing).apply(original);
        String target = targetClass;
        if (target == null) {
            Prediction prediction = classifier.predict(input);
            // the decided class; for a multi-label model the label with the highest score
            target = classifier.classNames().get(prediction.predictedIndex());
        }
        int index = classifier.classNames().indexOf(target);
        if (index < 0) {
            throw new IllegalArgumentException("Class '" + target + "' is not one of the model's classes "
                    + classifier.classNames());
        }
        SaliencyMap map = saliency.explain(classifier, input, index);
        return new Result(map, SaliencyOverlay.png(overlay.render(original, preprocessing, map)));
    }

    /** The overlay of the predicted class, as the web page shows it. */
    public byte[] overlayPng(Classifier classifier, byte[] image, String name) {
        return explain(classifier, image, name, null).overlayPng();
    }
}
