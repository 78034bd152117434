package org.covidxray.examples.cli;

import org.covidxray.examples.web.Explainer;
import org.covidxray.examples.web.OcclusionExplainer;

/** The saliency method the command line and the web page use. */
final class Explainers {
    private Explainers() {
    }

    static Explainer occlusion() {
        return OcclusionExplainer.defaults();
    }
}
