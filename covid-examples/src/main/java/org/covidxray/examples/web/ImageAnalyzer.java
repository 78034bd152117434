package org.covidxray.examples.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.gate.DistributionCheck;
import org.covidxray.gate.InputGate;
import org.covidxray.gate.InputRefusedException;
import org.covidxray.image.ImageDecodeException;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.Preprocessor;
import org.covidxray.io.PngEncoder;
import org.covidxray.model.Classifier;
import org.covidxray.model.DecisionRule;
import org.covidxray.model.InputGateCalibration;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.Prediction;
import org.covidxray.model.PredictionWithFeatures;

/**
 * What the server does with an upload, independent of HTTP: decode, pass it through the input gate,
 * preprocess with the model's own settings, predict, apply the model's decision rule and say whether the
 * image lies within what the model was trained on; or draw a saliency overlay, or the network input
 * (what the model saw). Bad images become {@link ApiException}s with the status a client expects (415
 * not an image, 422 corrupt or not a chest radiograph the model can judge, 413 too many pixels).
 */
public final class ImageAnalyzer {
    /** The {@code error} code of images the input gate refuses. */
    public static final String NOT_A_RADIOGRAPH = ApiErrorCode.NOT_A_RADIOGRAPH.code();

    private final Classifier classifier;
    private final Preprocessor preprocessor;
    private final DecisionRule decisionRule;
    private final Explainer explainer;
    private final InputGate gate = InputGate.defaults();

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
        PredictionWithFeatures scored = classifier.predictWithFeatures(List.of(tensor)).get(0);
        Prediction prediction = scored.prediction();
        DistributionCheck distribution = DistributionCheck.of(classifier, scored.features());
        double millis = (System.nanoTime() - start) / 1e6;
        boolean multi = prediction.multiLabel();
        return new PredictionResponse(multi ? null : prediction.predictedClass(), multi,
                multi ? prediction.presentLabels() : null, prediction.asMap(), distribution.toMap(),
                decisionRule.toMap(), classifier.manifest().modelId(), millis, Disclaimer.TEXT);
    }

    /**
     * What the model saw: the network input of one encoded image (after the input gate and the model's
     * own preprocessing) as an 8-bit gray PNG. Works for every format the decoder reads, including those
     * a browser cannot show.
     */
    public byte[] modelInputPng(byte[] image, String name) {
        return PngEncoder.encode(preprocessor.toImage(decode(image, name)));
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
        model.put("inputGate", describeGate());
        model.put("disclaimer", Disclaimer.LONG);
        return model;
    }

    /** The gate's limits and whether this model can flag images far from its training data. */
    private Map<String, Object> describeGate() {
        Map<String, Object> gateInfo = new LinkedHashMap<>();
        gateInfo.put("limits", gate.limits());
        InputGateCalibration calibration = classifier.manifest().inputGate();
        String status = !classifier.supportsFeatures() ? DistributionCheck.Status.NOT_AVAILABLE.code()
                : calibration == null ? DistributionCheck.Status.NOT_CALIBRATED.code() : "calibrated";
        gateInfo.put("distributionCheck", status);
        return gateInfo;
    }

    private ImageTensor decode(byte[] image, String name) {
        try {
            return preprocessor.apply(gate.decodeGray(image, name, preprocessor.config().maxPixels()));
        } catch (ImageDecodeException e) {
            throw toApiException(e);
        } catch (InputRefusedException e) {
            throw toApiException(e);
        }
    }

    /** 422: the image decodes but is not a chest radiograph the model can judge; {@code reason} says why. */
    static ApiException toApiException(InputRefusedException e) {
        return new ApiException(ApiErrorCode.NOT_A_RADIOGRAPH, e.reason().code(), e.getMessage(), e);
    }

    /** 415 for what is not an image we read, 422 for a broken one, 413 for a decompression bomb. */
    static ApiException toApiException(ImageDecodeException e) {
        return switch (e.reason()) {
            case UNSUPPORTED_FORMAT -> new ApiException(ApiErrorCode.UNSUPPORTED_IMAGE, e.getMessage(), e);
            case TOO_LARGE -> new ApiException(ApiErrorCode.IMAGE_TOO_LARGE, e.getMessage(), e);
            case CORRUPT, IO_ERROR -> new ApiException(ApiErrorCode.CORRUPT_IMAGE, e.getMessage(), e);
        };
    }
}
