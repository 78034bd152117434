/**
 * The web front end and its command, {@code covid serve}: a Javalin server with one offline page (upload
 * an X-ray, see the class probabilities and a saliency overlay, read the model card) and the JSON API
 * beside it (documented in {@code docs/api.md}). Depends on covid-core and the shared packages
 * ({@code options}, {@code common}, {@code model}); only the root command starts it.
 */
package org.covidxray.examples.web;
