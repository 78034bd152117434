/**
 * The web front end of {@code covid serve}: a Javalin server with one offline page (upload an X-ray,
 * see the class probabilities and a saliency overlay, read the model card) and the JSON API beside it
 * (documented in {@code docs/api.md}). Depends on covid-core and {@code org.covidxray.examples.model};
 * only the command line starts it.
 */
package org.covidxray.examples.web;
