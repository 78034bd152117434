package org.covidxray.examples.experiments;

import java.util.ArrayList;
import java.util.List;
import org.covidxray.metrics.ConfusionMatrix;

/**
 * Per-class sensitivity (recall) and positive predictive value (precision) of the most probable
 * class, each with a Wilson interval.
 *
 * @param className the class
 * @param sensitivity images of the class predicted as the class, of all images of the class
 * @param ppv images predicted as the class that are of the class
 */
record ClassRates(String className, Rate sensitivity, Rate ppv) {

    static List<ClassRates> of(List<String> classNames, ConfusionMatrix matrix) {
        List<ClassRates> out = new ArrayList<>();
        for (int c = 0; c < classNames.size(); c++) {
            int tp = matrix.count(c, c);
            out.add(new ClassRates(classNames.get(c), Rate.of(tp, matrix.support(c)), Rate.of(tp, matrix.predicted(c))));
        }
        return out;
    }

    static String table(List<ClassRates> rates) {
        List<List<String>> rows = new ArrayList<>();
        rates.forEach(r -> rows.add(List.of(r.className(), r.sensitivity().text(), r.ppv().text())));
        return Text.table(List.of("class", "sensitivity", "PPV"), rows);
    }
}
