package org.covidxray.examples.common;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** The median of one field over repeated benchmark runs, as every repeating benchmark reports it. */
public final class Medians {
    private Medians() {
    }

    /** The median of the defined values (mean of the middle two for an even count); NaN when none is. */
    public static <T> double of(List<T> runs, ToDoubleFunction<T> field) {
        double[] v = runs.stream().mapToDouble(field).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }
}
