/**
 * Evaluating a model on a data set: {@link org.covidxray.evaluation.DatasetPredictor} predicts every image
 * (batched, optionally with test-time shifts and ensembles), {@link org.covidxray.evaluation.Evaluator}
 * turns predictions into an immutable {@link org.covidxray.evaluation.Evaluation} with confidence
 * intervals, per class and per data source. The command line, the web page and the experiments all
 * evaluate through here. Depends on data, model, metrics and report; never on an engine.
 */
package org.covidxray.evaluation;
