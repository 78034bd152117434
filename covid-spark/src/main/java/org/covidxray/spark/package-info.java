/**
 * Batch prediction and evaluation of whole archives on Apache Spark, with the project's own
 * {@link org.covidxray.model.Classifier} so that results equal {@code covid predict}: {@link
 * org.covidxray.spark.SparkInputs} turns a folder ({@code binaryFile}, recursive) or a CSV/Parquet list into
 * rows, {@link org.covidxray.spark.SparkBatch} broadcasts the model bundle and predicts each partition in
 * chunks through {@link org.covidxray.batch.BatchPredictor} ({@link org.covidxray.spark.PartitionPredictor}),
 * loading the model once per executor JVM ({@link org.covidxray.spark.ExecutorModels}), and {@link
 * org.covidxray.spark.BatchSchema} maps the core's rows to Spark rows with the columns of {@code covid predict
 * --out}. Spark is only here: never in covid-core, the engines or the web jar.
 */
package org.covidxray.spark;
