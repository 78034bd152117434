package org.covidxray.examples.web;

import org.covidxray.examples.model.OcclusionExplainer;
import org.covidxray.model.Classifier;

/** Draws a saliency overlay for an uploaded image: which regions the model's output depends on. */
@FunctionalInterface
public interface Explainer {

    /**
     * A PNG of the image with the saliency map laid over it.
     *
     * @param classifier the model being explained
     * @param image the uploaded, still encoded image
     * @param name how messages name the upload
     */
    byte[] overlayPng(Classifier classifier, byte[] image, String name);

    /** Occlusion saliency of the predicted class: what the command line's {@code explain} draws too. */
    static Explainer occlusion() {
        return OcclusionExplainer.defaults()::overlayPng;
    }

    /** An explainer for builds without saliency support: every call is answered with 501. */
    static Explainer unavailable() {
        return (classifier, image, name) -> {
            throw new ApiException(ApiErrorCode.SALIENCY_UNAVAILABLE, "This build cannot draw saliency maps.");
        };
    }
}
