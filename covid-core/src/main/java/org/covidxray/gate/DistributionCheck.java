package org.covidxray.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.covidxray.image.ImageTensor;
import org.covidxray.model.Classifier;
import org.covidxray.model.InputGateCalibration;

/**
 * Whether an image lies within what a model was trained on, judged by the distance of its feature vector
 * to the model's validation images ({@link InputGateCalibration}). A flag for people next to the
 * probabilities, never a refusal: an image far from the training data may still be a radiograph, but the
 * probabilities then mean even less than usual.
 *
 * @param status the verdict
 * @param distance the image's distance, or {@code null} when it could not be computed
 * @param threshold the model's threshold, or {@code null} when it has none
 * @param message one sentence for people
 */
public record DistributionCheck(Status status, Double distance, Double threshold, String message) {

    /** The possible verdicts. */
    public enum Status {
        /** The distance is within the threshold. */
        INSIDE,
        /** The distance is beyond the threshold: outside what the model was trained on. */
        OUTSIDE,
        /** The model bundle has no calibration (older bundles, no validation split). */
        NOT_CALIBRATED,
        /** The model gives no feature vectors (e.g. an imported TorchScript model). */
        NOT_AVAILABLE;

        /** Lower-case code for JSON ({@code inside}, {@code outside}, ...). */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The words people see when an image is flagged. */
    public static final String OUTSIDE_TEXT = "outside what this model was trained on";

    /** True only for {@link Status#OUTSIDE}. */
    public boolean outside() {
        return status == Status.OUTSIDE;
    }

    /**
     * The JSON form the API and {@code covid predict --json} give: {@code status} (a {@link Status#code()}),
     * {@code outside} (true, false, or null when unknown), {@code distance}, {@code threshold}, {@code message}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", status.code());
        map.put("outside", status == Status.INSIDE || status == Status.OUTSIDE ? outside() : null);
        map.put("distance", distance);
        map.put("threshold", threshold);
        map.put("message", message);
        return map;
    }

    /** Checks each preprocessed image against the classifier's calibration (one forward pass for all). */
    public static List<DistributionCheck> of(Classifier classifier, List<ImageTensor> images) {
        List<DistributionCheck> out = new ArrayList<>(images.size());
        InputGateCalibration calibration = classifier.manifest().inputGate();
        if (!classifier.supportsFeatures() || calibration == null) {
            DistributionCheck none = unknown(classifier);
            images.forEach(i -> out.add(none));
            return out;
        }
        for (float[] f : classifier.features(images)) {
            out.add(of(calibration, calibration.distance(f)));
        }
        return out;
    }

    /** Checks one preprocessed image. */
    public static DistributionCheck of(Classifier classifier, ImageTensor image) {
        return of(classifier, List.of(image)).get(0);
    }

    /**
     * Checks an image by the feature vector the classifier gave for it (e.g. through
     * {@link Classifier#predictWithFeatures(List)}, which spares a second forward pass); {@code null}
     * features, or a model without calibration, give {@link #unknown(Classifier)}.
     */
    public static DistributionCheck of(Classifier classifier, float[] features) {
        InputGateCalibration calibration = classifier.manifest().inputGate();
        if (features == null || calibration == null) {
            return unknown(classifier);
        }
        return of(calibration, calibration.distance(features));
    }

    /** The verdict for a distance under a calibration. */
    public static DistributionCheck of(InputGateCalibration calibration, double distance) {
        double threshold = calibration.threshold();
        if (distance > threshold) {
            return new DistributionCheck(Status.OUTSIDE, distance, threshold, String.format(Locale.ROOT,
                    "Outside what this model was trained on: its features lie at distance %.2f from the "
                            + "validation images, beyond the %.2f that %.0f%% of them stay within. Trust the "
                            + "probabilities even less than usual.", distance, threshold, calibration.percentile()));
        }
        return new DistributionCheck(Status.INSIDE, distance, threshold, String.format(Locale.ROOT,
                "Within what this model was trained on: feature distance %.2f, threshold %.2f. That does not make "
                        + "the prediction right.", distance, threshold));
    }

    /** The verdict when nothing can be computed for this classifier. */
    public static DistributionCheck unknown(Classifier classifier) {
        if (!classifier.supportsFeatures()) {
            return new DistributionCheck(Status.NOT_AVAILABLE, null, null, "The check against the training data "
                    + "is not available for this model (it gives no feature vectors): images far from what it was "
                    + "trained on are not flagged.");
        }
        return new DistributionCheck(Status.NOT_CALIBRATED, null, null, "This model was saved without a "
                + "calibration of its training data, so images far from what it was trained on are not flagged.");
    }
}
