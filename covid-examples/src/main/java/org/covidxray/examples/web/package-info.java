/**
 * The web front end and its command, {@code covid serve}: a Javalin server with one offline page (upload
 * one or several X-rays, see a results table and its CSV, each image's class probabilities, input-gate
 * flag, what the model saw and a saliency overlay, read the model card) and the JSON API beside it
 * (documented in {@code docs/api.md} and at {@code /openapi.json}). Depends on covid-core and the shared packages
 * ({@code options}, {@code common}, {@code model}); only the root command starts it.
 */
package org.covidxray.examples.web;
