package org.covidxray.batch;

/**
 * Counts of a batch run.
 *
 * @param images rows written
 * @param predicted images with a prediction
 * @param refused images the input gate refused
 * @param unreadable images that could not be read or decoded
 * @param outside predicted images flagged as outside what the model was trained on
 */
public record BatchSummary(long images, long predicted, long refused, long unreadable, long outside) {

    /** Counts rows as they come; not thread-safe. */
    public static final class Counter {
        private long images;
        private long predicted;
        private long refused;
        private long unreadable;
        private long outside;

        public void add(BatchRow row) {
            images++;
            if (row.predictedOk()) {
                predicted++;
                if (row.outside()) {
                    outside++;
                }
            } else if (row.refused()) {
                refused++;
            } else {
                unreadable++;
            }
        }

        public BatchSummary summary() {
            return new BatchSummary(images, predicted, refused, unreadable, outside);
        }
    }
}
