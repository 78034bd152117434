/**
 * Predicting whole archives: {@link org.covidxray.batch.ImageListing} finds the images (a folder walked
 * recursively, or a CSV list of paths with optional label and patient columns),
 * {@link org.covidxray.batch.BatchPredictor} predicts them in chunks exactly as {@code covid predict} does
 * (input gate, decision rule, distribution check) and turns every unreadable file into a row with its
 * error, {@link org.covidxray.batch.BatchRow} is one output row and {@link org.covidxray.batch.BatchCsv}
 * writes (atomically) and reads the rows' CSV, the file {@code covid metrics --csv} evaluates. The Spark
 * runner (covid-spark) predicts each partition through the same classes. Depends on data, image, gate,
 * model and io; never on an engine.
 */
package org.covidxray.batch;
