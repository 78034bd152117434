package org.covidxray.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
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

    private static final StructType INPUT_SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("path", DataTypes.StringType, true),
            DataTypes.createStructField("label", DataTypes.StringType, true),
            DataTypes.createStructField("patient", DataTypes.StringType, true),
            DataTypes.createStructField("content", DataTypes.BinaryType, true)));

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
     * parts so that every core gets work; executors read the files. A CSV list is split by bytes and keeps its
     * order (no shuffle: {@link #keepsOrder}); a Parquet list is repartitioned.
     */
    public static Dataset<Row> list(SparkSession spark, String list, int partitions) {
        if (isParquet(list)) {
            Dataset<Row> rows = spark.read().parquet(list);
            List<String> columns = List.of(rows.columns());
            requirePath(list, columns);
            return rows.select(col(ImageListing.PATH).cast(DataTypes.StringType).as("path"),
                    optional(columns, ImageListing.LABEL), optional(columns, ImageListing.PATIENT),
                    lit(null).cast(DataTypes.BinaryType).as("content")).repartition(partitions);
        }
        return spark.createDataFrame(csvList(JavaSparkContext.fromSparkContext(spark.sparkContext()), list, partitions),
                INPUT_SCHEMA);
    }

    /**
     * The rows of a CSV list as a plain RDD, in the list's order, split by bytes into {@code partitions} parts:
     * what {@link #list} gives for a CSV list, without a Spark SQL session. A run that only predicts a CSV list
     * and writes a CSV file then needs no query planning or code generation at all (about a second of a local
     * run's start-up, docs/benchmarks.md).
     */
    public static JavaRDD<Row> csvList(JavaSparkContext spark, String list, int partitions) {
        // the column names come from the first line, read here; the lines are parsed where they are read
        List<String> columns = List.of(csvColumns(spark.hadoopConfiguration(), list).fieldNames());
        requirePath(list, columns);
        return spark.textFile(list, partitions).mapPartitionsWithIndex(new CsvListRows(list, columns), true);
    }

    /** Whether {@link #list} gives the rows in the list's own order (CSV lists do, Parquet lists do not). */
    public static boolean keepsOrder(String list) {
        return !isParquet(list);
    }

    private static boolean isParquet(String list) {
        return list.toLowerCase(Locale.ROOT).endsWith(".parquet");
    }

    private static void requirePath(String list, List<String> columns) {
        if (!columns.contains(ImageListing.PATH)) {
            throw new BatchException("Image list " + list + " has no '" + ImageListing.PATH + "' column; its columns "
                    + "are " + columns + ". Give one row per image with its file in a column named 'path' (optional: "
                    + "'label', 'patient').");
        }
    }

    /** The folder relative paths of a local list are resolved against (as {@code covid predict --list} does). */
    public static String listFolder(String list) {
        Path p = Path.of(PartitionPredictor.localPath(list)).toAbsolutePath();
        return Files.isDirectory(p) ? p.toString() : p.getParent().toString();
    }

    /** The header of a CSV list, on any file system Spark reads, as string columns. */
    static StructType csvColumns(Configuration hadoop, String list) {
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(list);
        String header;
        try {
            // the file system is Hadoop's cached instance, shared by the session: not closed here
            FileSystem fs = file.getFileSystem(hadoop);
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
                header = reader.readLine();
            }
        } catch (FileNotFoundException e) {
            throw new BatchException("Image list " + list + " does not exist.", e);
        } catch (IOException e) {
            throw new BatchException("Could not read image list " + list + ": " + e.getMessage(), e);
        }
        if (header == null || header.isBlank()) {
            throw new BatchException("Image list " + list + " is empty; its first line must name the columns ('"
                    + ImageListing.PATH + "', optional '" + ImageListing.LABEL + "' and '" + ImageListing.PATIENT + "').");
        }
        List<StructField> fields = new ArrayList<>();
        try (CSVParser parser = CSVFormat.DEFAULT.parse(new StringReader(header.replace("\uFEFF", "")))) {
            for (String name : parser.getRecords().get(0)) {
                fields.add(DataTypes.createStructField(name.strip(), DataTypes.StringType, true));
            }
        } catch (IOException | RuntimeException e) {
            throw new BatchException("The first line of image list " + list + " is not a CSV header: " + header, e);
        }
        return DataTypes.createStructType(fields);
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
