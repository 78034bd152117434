package org.covidxray.report;

import org.covidxray.metrics.RocCurve;

/**
 * A ROC curve with the name it carries in a chart legend.
 *
 * @param label e.g. the class name ("covid" for covid against the rest)
 * @param curve the curve; its AUC goes into the legend
 */
public record LabelledRocCurve(String label, RocCurve curve) {
}
