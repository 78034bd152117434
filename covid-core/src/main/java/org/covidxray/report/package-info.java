/**
 * Evaluation reports: the {@link org.covidxray.report.EvaluationReport} computed from plain arrays,
 * PNG charts drawn headless with JFreeChart (training curves, ROC, confusion matrix, reliability
 * diagram) and the {@link org.covidxray.report.ReportWriter} that puts {@code metrics.json}, the charts
 * and one self-contained {@code report.html} in a run folder. Depends on the metrics, training and io
 * packages; the CLI and the web front end depend on it, engines do not.
 */
package org.covidxray.report;
