package org.covidxray.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-class sensitivity (recall) and positive predictive value (precision) of the predicted class, each
 * with a Wilson interval.
 *
 * @param className the class
 * @param sensitivity images of the class predicted as the class, of all images of the class
 * @param ppv images predicted as the class that are of the class
 */
public record ClassRates(String className, Rate sensitivity, Rate ppv) {

    /** One entry per class of a confusion matrix (rows true class, columns predicted class). */
    public static List<ClassRates> of(List<String> classNames, ConfusionMatrix matrix) {
        List<ClassRates> out = new ArrayList<>();
        for (int c = 0; c < classNames.size(); c++) {
            int tp = matrix.count(c, c);
            out.add(new ClassRates(classNames.get(c), Rate.of(tp, matrix.support(c)), Rate.of(tp, matrix.predicted(c))));
        }
        return out;
    }
}
