/**
 * {@code covid batch}: the command that runs a batch prediction and evaluation on Spark, embedded
 * ({@code --master local[N]} or {@code spark://...}) or under {@code spark-submit --class
 * org.covidxray.spark.cli.BatchCommand}. It lives here, not in covid-examples, so that Spark stays out of the
 * web jar and of every user who does not run it; it only parses options and prints.
 */
package org.covidxray.spark.cli;
