package org.covidxray.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * ROC AUC of each class against all others and their unweighted mean (scikit-learn's
 * {@code roc_auc_score(multi_class="ovr", average="macro")}); for two classes the macro value is, as
 * in scikit-learn, the AUC of class 1. A class absent from the data (or present in every row) has an
 * undefined AUC, and then so does the macro average.
 *
 * @param classNames class names, in class order
 * @param perClass AUC of each class against the rest
 * @param macro mean of {@code perClass} ({@link RocAuc#oneVsRestMacro})
 */
public record OneVsRestAuc(List<String> classNames, List<Double> perClass, double macro) {

    public OneVsRestAuc {
        classNames = List.copyOf(classNames);
        // a JSON null read back into a List<Double> arrives as null: it means undefined
        perClass = perClass.stream().map(v -> v == null ? Double.NaN : v).toList();
    }

    public static OneVsRestAuc of(List<String> classNames, int[] labels, double[][] probabilities) {
        int classes = Inputs.multiclass(labels, probabilities);
        if (classes != classNames.size()) {
            throw new MetricsInputException(classNames.size() + " class names but probabilities have "
                    + classes + " columns; give one name per column");
        }
        List<Double> aucs = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            aucs.add(RocAuc.oneVsRest(labels, probabilities, c));
        }
        return new OneVsRestAuc(classNames, aucs, RocAuc.oneVsRestMacro(labels, probabilities));
    }

    /** The AUC of the named class. */
    public double of(String className) {
        int index = classNames.indexOf(className);
        if (index < 0) {
            throw new MetricsInputException("no class named '" + className + "'; classes are " + classNames);
        }
        return perClass.get(index);
    }
}
