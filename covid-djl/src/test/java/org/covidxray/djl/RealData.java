package org.covidxray.djl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;
import org.covidxray.testing.SharedData;

/**
 * The shared real images as data sets, read in place (tests skip when the shared data is absent).
 * Small stand-ins for the core's data-set loaders, so this module's tests do not wait for them.
 */
final class RealData {
    private static final Pattern PERSON = Pattern.compile("^(person\\d+)_");
    private static final Pattern NORMAL2 = Pattern.compile("^(NORMAL2-IM-\\d+)-");
    private static final Pattern IM = Pattern.compile("^(IM-\\d+)-");

    private RealData() {
    }

    /** seed-50: {@code covid/} and {@code normal/}, one patient per image. */
    static Dataset seed50() {
        Path root = SharedData.require("seed-50");
        List<Sample> samples = new ArrayList<>();
        for (String label : List.of("covid", "normal")) {
            for (Path file : list(root.resolve(label))) {
                samples.add(new Sample(label + "/" + file.getFileName(), file, label, null, Map.of()));
            }
        }
        return new Dataset("seed-50", List.of("covid", "normal"), samples);
    }

    /**
     * Two patient-disjoint samples of Kermany's training split (classes {@code normal},
     * {@code pneumonia}): per class, patients are shuffled with the seed and their images taken until
     * {@code trainPerClass} images, then the next patients until {@code validationPerClass}.
     */
    static Dataset[] kermanyPatientDisjoint(int trainPerClass, int validationPerClass, long seed) {
        Path root = SharedData.require("kaggle-pneumonia/train");
        List<String> classes = List.of("normal", "pneumonia");
        List<Sample> train = new ArrayList<>();
        List<Sample> validation = new ArrayList<>();
        for (String label : classes) {
            Map<String, List<Path>> byPatient = new LinkedHashMap<>();
            for (Path file : list(root.resolve(label.toUpperCase()))) {
                byPatient.computeIfAbsent(patient(file.getFileName().toString()), k -> new ArrayList<>()).add(file);
            }
            List<String> patients = new ArrayList<>(byPatient.keySet());
            Collections.shuffle(patients, new Random(seed));
            int taken = 0;
            for (String patient : patients) {
                List<Sample> target = taken < trainPerClass ? train
                        : taken < trainPerClass + validationPerClass ? validation : null;
                if (target == null) {
                    break;
                }
                for (Path file : byPatient.get(patient)) {
                    target.add(new Sample(label + "/" + file.getFileName(), file, label, patient, Map.of()));
                    taken++;
                }
            }
        }
        return new Dataset[] {new Dataset("kermany-train", classes, train),
            new Dataset("kermany-validation", classes, validation)};
    }

    /** Patient id from a Kermany file name: person&lt;ID&gt;, NORMAL2-IM-&lt;ID&gt; or IM-&lt;ID&gt;. */
    static String patient(String fileName) {
        for (Pattern pattern : List.of(PERSON, NORMAL2, IM)) {
            Matcher m = pattern.matcher(fileName);
            if (m.find()) {
                return m.group(1);
            }
        }
        return fileName;
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
