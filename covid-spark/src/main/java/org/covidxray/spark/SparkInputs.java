package org.covidxray.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.covidxray.batch.BatchException;
import org.covidxray.batch.ImageListing;
import org.covidxray.image.ImageFormats;

/**
 * The images of a batch run as Spark rows of {@link #COLUMNS}: {@code path}, {@code label}, {@code patient}
 * (strings, may be null) and {@code content} (the file's bytes, or null when executors read the file by path).
 * A folder is read with Spark's {@code binaryFile} source (recursive, the extensions of
 * {@link ImageFormats#EXTENSIONS} in lower and upper case); a list is a CSV (with a header) or Parquet file
 * with a {@code path} column and optional {@code label} and {@code patient} columns, as for
 * {@code covid predict --list}.
 */
public final class SparkInputs {
    /** Input columns, in order. */
    public static final List<String> COLUMNS = List.of("path", "label", "patient", "content");

    private SparkInputs() {
    }

    /** The images under {@code folder}, at any depth, with their bytes. */
    public static Dataset<Row> folder(SparkSession spark, String folder) {
        return spark.read().format("binaryFile").option("recursiveFileLookup", "true")
                .option("pathGlobFilter", globOfExtensions()).load(folder)
                .select(col("path"), lit(null).cast(DataTypes.StringType).as("label"),
                        lit(null).cast(DataTypes.StringType).as("patient"), col("content"));
    }

    /**
     * The rows of a list (CSV with a header, or Parquet by its {@code .parquet} name), in {@code partitions}
     * parts so that every core gets work; executors read the files.
     */
    public static Dataset<Row> list(SparkSession spark, String list, int partitions) {
        boolean parquet = list.toLowerCase(Locale.ROOT).endsWith(".parquet");
        Dataset<Row> rows = parquet ? spark.read().parquet(list) : spark.read().option("header", "true").csv(list);
        List<String> columns = List.of(rows.columns());
        if (!columns.contains(ImageListing.PATH)) {
            throw new BatchException("Image list " + list + " has no '" + ImageListing.PATH + "' column; its columns "
                    + "are " + columns + ". Give one row per image with its file in a column named 'path' (optional: "
                    + "'label', 'patient').");
        }
        return rows.select(col(ImageListing.PATH).cast(DataTypes.StringType).as("path"),
                optional(columns, ImageListing.LABEL), optional(columns, ImageListing.PATIENT),
                lit(null).cast(DataTypes.BinaryType).as("content")).repartition(partitions);
    }

    /** The folder relative paths of a local list are resolved against (as {@code covid predict --list} does). */
    public static String listFolder(String list) {
        Path p = Path.of(PartitionPredictor.localPath(list)).toAbsolutePath();
        return Files.isDirectory(p) ? p.toString() : p.getParent().toString();
    }

    private static Column optional(List<String> columns, String name) {
        Column c = columns.contains(name) ? col(name).cast(DataTypes.StringType) : lit(null).cast(DataTypes.StringType);
        return c.as(name);
    }

    /** {@code *.{jpg,JPG,jpeg,...}}: Hadoop's globs match case-sensitively. */
    static String globOfExtensions() {
        return ImageFormats.EXTENSIONS.stream()
                .flatMap(e -> java.util.stream.Stream.of(e, e.toUpperCase(Locale.ROOT)))
                .collect(Collectors.joining(",", "*.{", "}"));
    }
}
