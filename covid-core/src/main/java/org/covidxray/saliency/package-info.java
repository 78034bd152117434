/**
 * Saliency maps that show which parts of an X-ray a prediction depends on: occlusion computed
 * through the {@link org.covidxray.model.Classifier} interface only (so it works for every engine),
 * the resulting {@link org.covidxray.saliency.SaliencyMap} and its rendering as PNG overlays. Depends
 * on {@code org.covidxray.image} and {@code org.covidxray.model}; the CLI, web front end and reports
 * use it. A saliency map explains a model, not a patient: it is not a diagnostic finding.
 */
package org.covidxray.saliency;
