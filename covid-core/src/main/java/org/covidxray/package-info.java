/**
 * covid-xray: chest X-ray classifiers on interchangeable deep-learning engines. This root package
 * holds only the base exception; subpackages hold data sets, preprocessing, the engine SPI, models,
 * training, metrics, reports and saliency. Nothing in covid-core depends on an engine.
 *
 * <p>Research software, not a diagnostic device.
 */
package org.covidxray;
