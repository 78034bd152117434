package org.covidxray.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.covidxray.batch.BatchCsv;
import org.covidxray.batch.BatchRow;

/**
 * The Spark schema of a batch run's output: the columns of {@link BatchCsv#columns(List)} (path, label,
 * patient, predicted, {@code p_<class>}..., decision, gate, feature_distance, view, error), probabilities and the
 * distance as doubles, the rest as strings; and the mapping between {@link BatchRow} and Spark's rows.
 */
public final class BatchSchema {
    private BatchSchema() {
    }

    /** The output schema for a model's classes. */
    public static StructType of(List<String> classNames) {
        List<StructField> fields = new ArrayList<>();
        for (String column : BatchCsv.columns(classNames)) {
            boolean number = column.startsWith(BatchCsv.PROBABILITY_PREFIX) || column.equals(BatchCsv.FEATURE_DISTANCE);
            fields.add(DataTypes.createStructField(column, number ? DataTypes.DoubleType : DataTypes.StringType,
                    !column.equals(BatchCsv.PATH) && !column.equals(BatchCsv.GATE)));
        }
        return DataTypes.createStructType(fields);
    }

    /** A core row as a Spark row of {@link #of(List)}. */
    public static Row toRow(BatchRow row, int classCount, String decision) {
        Object[] values = new Object[classCount + 9];
        int i = 0;
        values[i++] = row.path();
        values[i++] = row.label();
        values[i++] = row.patient();
        values[i++] = row.predicted();
        double[] p = row.probabilities();
        for (int c = 0; c < classCount; c++) {
            values[i++] = p == null ? null : p[c];
        }
        values[i++] = row.predictedOk() ? decision : null;
        values[i++] = row.gate();
        values[i++] = row.featureDistance();
        values[i++] = row.view();
        values[i] = row.error();
        return RowFactory.create(values);
    }

    /** A Spark row of {@link #of(List)} as a core row. */
    public static BatchRow fromRow(Row row, int classCount) {
        int i = 0;
        String path = row.getString(i++);
        String label = row.getString(i++);
        String patient = row.getString(i++);
        String predicted = row.getString(i++);
        double[] p = null;
        if (!row.isNullAt(i)) {
            p = new double[classCount];
            for (int c = 0; c < classCount; c++) {
                p[c] = row.getDouble(i + c);
            }
        }
        i += classCount + 1;
        String gate = row.getString(i++);
        Double distance = row.isNullAt(i) ? null : row.getDouble(i);
        i++;
        String view = row.getString(i++);
        return new BatchRow(path, label, patient, predicted, p, gate, distance, view, row.getString(i));
    }
}
