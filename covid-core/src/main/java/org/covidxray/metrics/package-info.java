/**
 * Evaluation metrics on plain arrays (labels, scores, probabilities), matching scikit-learn:
 * confusion matrix (rows = true class, columns = predicted class), threshold metrics, ROC and AUC,
 * average precision, calibration, multi-class reports, bootstrap and Wilson confidence intervals.
 * Undefined values are NaN, never 0. No engine is needed.
 */
package org.covidxray.metrics;
