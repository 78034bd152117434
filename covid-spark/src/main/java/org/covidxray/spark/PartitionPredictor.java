package org.covidxray.spark;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.covidxray.batch.BatchImage;
import org.covidxray.batch.BatchPredictor;
import org.covidxray.batch.BatchRow;
import org.covidxray.batch.ImageListing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Predicts one partition of input rows ({@link SparkInputs#COLUMNS}) in chunks on an executor, with the model
 * of this JVM ({@link ExecutorModels}): reads the chunk's rows lazily, so a partition of any size needs the
 * memory of one chunk. What is sent to executors: this object (a few strings), and the broadcast bundle.
 * The same function serves a Dataset ({@link MapPartitionsFunction}) and a plain RDD ({@link FlatMapFunction}
 * of a partition's iterator), so the RDD path of a CSV list predicts exactly as the Dataset path does.
 */
final class PartitionPredictor implements MapPartitionsFunction<Row, Row>, FlatMapFunction<Iterator<Row>, Row> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PartitionPredictor.class);

    private final Broadcast<byte[]> bundle;
    private final String bundleKey;
    private final int chunkSize;
    private final String listFolder;
    private final int classCount;
    private final String decision;

    /**
     * @param listFolder folder that relative paths of a list are resolved against, or {@code null}
     */
    PartitionPredictor(Broadcast<byte[]> bundle, String bundleKey, int chunkSize, String listFolder, int classCount,
                       String decision) {
        this.bundle = bundle;
        this.bundleKey = bundleKey;
        this.chunkSize = chunkSize;
        this.listFolder = listFolder;
        this.classCount = classCount;
        this.decision = decision;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        if (!input.hasNext()) {
            return Collections.emptyIterator();
        }
        TaskContext task = TaskContext.get();
        int cores = task == null ? 1 : task.cpus();
        BatchPredictor predictor = BatchPredictor.builder()
                .setClassifier(ExecutorModels.get(bundleKey, bundle::value, cores)).optChunkSize(chunkSize).build();
        Path base = listFolder == null ? null : Path.of(listFolder);
        long start = System.nanoTime();
        return new Iterator<>() {
            private Iterator<Row> chunk = Collections.emptyIterator();
            private int images;

            @Override
            public boolean hasNext() {
                if (!chunk.hasNext() && input.hasNext()) {
                    List<Row> rows = predictChunk(input, predictor, base);
                    images += rows.size();
                    chunk = rows.iterator();
                    if (!input.hasNext()) {
                        LOG.info("Partition {} (stage {}, attempt {}): {} images in {} ms", task == null ? -1
                                : task.partitionId(), task == null ? -1 : task.stageId(), task == null ? 0
                                : task.attemptNumber(), images, (System.nanoTime() - start) / 1_000_000);
                    }
                }
                return chunk.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return chunk.next();
            }
        };
    }

    private List<Row> predictChunk(Iterator<Row> input, BatchPredictor predictor, Path base) {
        List<BatchImage> images = new ArrayList<>(chunkSize);
        List<BatchPredictor.EncodedImage> encoded = new ArrayList<>(chunkSize);
        while (input.hasNext() && images.size() < chunkSize) {
            Row r = input.next();
            String path = localPath(r.getString(0));
            BatchImage image = new BatchImage(base == null ? path : ImageListing.resolve(base, path), r.getString(1),
                    r.getString(2));
            images.add(image);
            if (!r.isNullAt(3)) {
                encoded.add(new BatchPredictor.EncodedImage(image, (byte[]) r.get(3)));
            }
        }
        List<BatchRow> rows = encoded.size() == images.size() ? predictor.predictEncoded(encoded)
                : predictor.predict(images);
        List<Row> out = new ArrayList<>(rows.size());
        rows.forEach(row -> out.add(BatchSchema.toRow(row, classCount, decision)));
        return out;
    }

    /** A {@code file:} URI (what Spark's file sources give) as the local path {@code covid predict} prints. */
    static String localPath(String path) {
        if (path.startsWith("file:")) {
            return Path.of(URI.create(path)).toString();
        }
        return path;
    }
}
