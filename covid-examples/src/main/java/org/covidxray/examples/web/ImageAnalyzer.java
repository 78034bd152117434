package org.covidxray.examples.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.covidxray.model.DecisionRule;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.image.ImageDecodeException;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.Preprocessor;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.Prediction;

/**
 * What the server does with an upload, independent of HTTP: decode with the model's own preprocessing,
 * predict, apply the model's decision rule, or draw a saliency overlay. Bad images become
 * {@link ApiException}s with the status a client expects (415 not an image, 422 corrupt, 413 too many
 * pixels).
 */
public final class ImageAnalyzer {
    private final Classifier classifier;
    private final Preprocessor preprocessor;
    private final DecisionRule decisionRule;
    private final Explainer explainer;

    public ImageAnalyzer(Classifier classifier, Explainer explainer) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.preprocessor = new Preprocessor(classifier.preprocessing());
        this.decisionRule = classifier.decisionRule();
        this.explainer = explainer == null ? Explainer.unavailable() : explainer;
    }

    public Classifier classifier() {
        return classifier;
    }

    /** Decodes, preprocesses and classifies one encoded image. */
    public PredictionResponse predict(byte[] image, String name) {
        long start = System.nanoTime();
        ImageTensor tensor = decode(image, name);
        Prediction prediction = classifier.predict(tensor);
        double millis = (System.nanoTime() - start) / 1e6;
        return new PredictionResponse(prediction.predictedClass(), prediction.asMap(), decisionRule.toMap(),
                classifier.manifest().modelId(), millis, Disclaimer.TEXT);
    }

    /** A PNG saliency overlay for one encoded image. */
    public byte[] explain(byte[] image, String name) {
        decode(image, name);
        try {
            return explainer.overlayPng(classifier, image, name);
        } catch (ImageDecodeException e) {
            throw toApiException(e);
        }
    }

    /** The model card as the page shows it: the manifest plus the decision rule and the disclaimer. */
    public Map<String, Object> describeModel() {
        ModelManifest manifest = classifier.manifest();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("manifest", manifest);
        model.put("decision", decisionRule.toMap());
        model.put("disclaimer", Disclaimer.LONG);
        return model;
    }

    private ImageTensor decode(byte[] image, String name) {
        try {
            return preprocessor.apply(image, name);
        } catch (ImageDecodeException e) {
            throw toApiException(e);
        }
    }

    /** 415 for what is not an image we read, 422 for a broken one, 413 for a decompression bomb. */
    static ApiException toApiException(ImageDecodeException e) {
        return switch (e.reason()) {
            case UNSUPPORTED_FORMAT -> new ApiException(415, "unsupported_image", e.getMessage(), e);
            case TOO_LARGE -> new ApiException(413, "image_too_large", e.getMessage(), e);
            case CORRUPT, IO_ERROR -> new ApiException(422, "corrupt_image", e.getMessage(), e);
        };
    }
}
