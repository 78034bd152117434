package org.covidxray.examples.cli;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.covidxray.CovidXrayException;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.Preprocessor;
import org.covidxray.io.AtomicFiles;
import org.covidxray.metrics.ConfusionMatrix;
import org.covidxray.model.Classifier;
import org.covidxray.model.Prediction;

/**
 * A model's probabilities for every image of a labelled data set, with labels and patient ids in the
 * model's class order: the input of every metric. Images that cannot be read are listed in
 * {@link #failed()}, never silently dropped.
 *
 * @param classNames the model's classes (probability columns, label indices)
 * @param ids sample ids
 * @param files image files
 * @param patients patient ids (bootstrap confidence intervals resample patients)
 * @param labels true class index per image
 * @param probabilities one row per image, one column per class
 * @param failed images that could not be read, with the reason
 */
record DatasetPredictions(List<String> classNames, List<String> ids, List<Path> files, String[] patients,
                          int[] labels, double[][] probabilities, List<String> failed) {
    private static final int BATCH = 16;

    int size() {
        return labels.length;
    }

    /** Predicts every image of the data set; {@code progress} receives the number of images done. */
    static DatasetPredictions run(Classifier classifier, Dataset dataset, IntConsumer progress) {
        List<String> classes = classifier.classNames();
        List<String> unknown = dataset.classNames().stream()
                .filter(c -> !classes.contains(c) && dataset.countsByClass().getOrDefault(c, 0) > 0).toList();
        if (!unknown.isEmpty()) {
            throw new UserException("The data set has images of " + unknown + ", which are not classes of the model "
                    + classes + ". Choose the data (e.g. --classes) so that its labels are the model's classes.");
        }
        Preprocessor preprocessor = new Preprocessor(classifier.preprocessing());
        List<String> ids = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<String> patients = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<Sample> samples = dataset.samples().stream().filter(s -> s.label() != null).toList();
        for (int from = 0; from < samples.size(); from += BATCH) {
            List<Sample> batch = samples.subList(from, Math.min(samples.size(), from + BATCH));
            List<Sample> loaded = new ArrayList<>();
            List<ImageTensor> tensors = new ArrayList<>();
            for (Sample s : batch) {
                try {
                    tensors.add(preprocessor.load(s.path()));
                    loaded.add(s);
                } catch (CovidXrayException e) {
                    failed.add(s.path() + ": " + e.getMessage());
                }
            }
            List<Prediction> predictions = tensors.isEmpty() ? List.of() : classifier.predict(tensors);
            for (int i = 0; i < predictions.size(); i++) {
                Sample s = loaded.get(i);
                ids.add(s.id());
                files.add(s.path());
                patients.add(s.patientId());
                labels.add(classes.indexOf(s.label()));
                rows.add(predictions.get(i).probabilities());
            }
            progress.accept(Math.min(samples.size(), from + BATCH));
        }
        return new DatasetPredictions(classes, ids, files, patients.toArray(String[]::new),
                labels.stream().mapToInt(Integer::intValue).toArray(), rows.toArray(double[][]::new), failed);
    }

    /** Predicted class index per image (most probable). */
    int[] argmax() {
        return ConfusionMatrix.argmax(probabilities);
    }

    /**
     * Writes {@code predictions.csv}: {@code id, file, patient, label, predicted} and one probability column
     * {@code p_<class>} per class, the format {@code covid metrics --csv} reads.
     */
    void writeCsv(Path target) {
        int[] predicted = argmax();
        List<String> header = new ArrayList<>(List.of("id", "file", "patient", "label", "predicted"));
        classNames.forEach(c -> header.add(PredictionsCsv.PROBABILITY_PREFIX + c));
        AtomicFiles.write(target, out -> {
            // not closed: AtomicFiles owns the stream and syncs it to disk after this returns
            Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder()
                    .setHeader(header.toArray(String[]::new)).get());
            for (int i = 0; i < labels.length; i++) {
                List<Object> row = new ArrayList<>(List.of(ids.get(i), files.get(i).toString(), patients[i],
                        classNames.get(labels[i]), classNames.get(predicted[i])));
                for (double p : probabilities[i]) {
                    row.add(String.format(Locale.ROOT, "%.6f", p));
                }
                csv.printRecord(row);
            }
            csv.flush();
        });
    }
}
