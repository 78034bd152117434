/**
 * Evaluation metrics on plain arrays (int labels, double scores or probability rows), matching
 * scikit-learn: confusion matrix (rows = true class, columns = predicted class), threshold metrics,
 * ROC curve and AUC, average precision, Brier score, log loss, calibration, classification report,
 * threshold choice, and bootstrap and Wilson confidence intervals. Undefined values are NaN, never 0;
 * bad arrays raise {@link org.covidxray.metrics.MetricsInputException}. Depends on nothing but the
 * JDK, so the training loop, the reports and the CLI can all use it without an engine.
 */
package org.covidxray.metrics;
