package org.covidxray.batch;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.covidxray.gate.DistributionCheck;
import org.covidxray.image.DecodedImage;
import org.covidxray.model.Classifier;

/**
 * One image's outcome in a batch run, one row of the output. Either a prediction ({@code probabilities}
 * set, {@code error} null) or a failure ({@code probabilities} null, {@code error} saying why). Immutable.
 *
 * @param path the image file
 * @param label the true class from the list, or {@code null}
 * @param patient the patient from the list, or {@code null}
 * @param predicted the class the model's decision rule picks, or {@code null} on failure
 * @param probabilities one per class in the model's order, or {@code null} on failure
 * @param gate {@value #REFUSED} and the reason's code when the input gate refused the image (e.g.
 *             {@code refused:too_small}), {@value #UNREADABLE} when it could not be read, else the {@link DistributionCheck.Status#code()} of the training-data check
 *             ({@code inside}, {@code outside}, {@code not_calibrated}, {@code not_available})
 * @param featureDistance the distance behind the training-data check, or {@code null}
 * @param view the view the image's file names (a DICOM header's View Position: PA, AP, LL, ...), or
 *             {@code null} when it names none or the image has no prediction
 * @param error why the image has no prediction, or {@code null}
 */
public record BatchRow(String path, String label, String patient, String predicted, double[] probabilities,
                       String gate, Double featureDistance, String view, String error) {
    /**
     * Start of {@link #gate()} of an image the input gate refused as not a radiograph the model can judge;
     * the refusal's reason code follows.
     */
    public static final String REFUSED = "refused:";
    /** {@link #gate()} of an image that could not be read or decoded. */
    public static final String UNREADABLE = "unreadable";

    public BatchRow {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(gate, "gate");
        probabilities = probabilities == null ? null : probabilities.clone();
        if ((probabilities == null) == (error == null)) {
            throw new IllegalArgumentException("a batch row has either probabilities or an error: " + path);
        }
    }

    /** The row of an image that has no prediction. */
    public static BatchRow failed(BatchImage image, String gate, String error) {
        return new BatchRow(image.path(), image.label(), image.patient(), null, null, gate, null, null, error);
    }

    /** Whether the image was predicted. */
    public boolean predictedOk() {
        return error == null;
    }

    /** Whether the input gate refused the image. */
    public boolean refused() {
        return gate.startsWith(REFUSED);
    }

    /** The input gate's reason code ({@code too_small}, ...) for a refused image, else {@code null}. */
    public String refusalReason() {
        return refused() ? gate.substring(REFUSED.length()) : null;
    }

    /**
     * Whether the file says the film is lateral ({@link DecodedImage#isLateral(String)}); the models here
     * are trained on frontal films, so such a prediction is flagged.
     */
    public boolean lateral() {
        return view != null && DecodedImage.isLateral(view);
    }

    /** Whether the image lies outside what the model was trained on. */
    public boolean outside() {
        return DistributionCheck.Status.OUTSIDE.code().equals(gate);
    }

    @Override
    public double[] probabilities() {
        return probabilities == null ? null : probabilities.clone();
    }

    /**
     * The training-data check of a predicted row as {@link DistributionCheck#of(Classifier, List)} gave it
     * (rebuilt from the gate and distance, with the same message), for the JSON outputs.
     */
    public DistributionCheck distributionCheck(Classifier classifier) {
        boolean measured = DistributionCheck.Status.INSIDE.code().equals(gate) || outside();
        if (measured && featureDistance != null && classifier.manifest().inputGate() != null) {
            return DistributionCheck.of(classifier.manifest().inputGate(), featureDistance);
        }
        return DistributionCheck.unknown(classifier);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchRow r && path.equals(r.path) && Objects.equals(label, r.label)
                && Objects.equals(patient, r.patient) && Objects.equals(predicted, r.predicted)
                && Arrays.equals(probabilities, r.probabilities) && gate.equals(r.gate)
                && Objects.equals(featureDistance, r.featureDistance) && Objects.equals(view, r.view)
                && Objects.equals(error, r.error);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, label, patient, predicted, Arrays.hashCode(probabilities), gate, featureDistance,
                view, error);
    }

    @Override
    public String toString() {
        return "BatchRow[" + path + ", " + (error == null ? predicted + " " + Arrays.toString(probabilities) : error)
                + ", " + gate + "]";
    }
}
