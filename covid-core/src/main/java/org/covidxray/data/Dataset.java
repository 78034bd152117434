package org.covidxray.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An ordered, immutable list of samples plus the class names they are labelled with. The order of
 * {@link #classNames()} defines class indices everywhere (training targets, probability vectors,
 * confusion matrix rows). Skipped rows of the loaders are carried along so summaries can report them.
 */
public final class Dataset {
    private final String name;
    private final List<String> classNames;
    private final List<Sample> samples;
    private final List<SkippedRow> skipped;

    public Dataset(String name, List<String> classNames, List<Sample> samples, List<SkippedRow> skipped) {
        this.name = Objects.requireNonNull(name, "name");
        this.classNames = List.copyOf(classNames);
        this.samples = List.copyOf(samples);
        this.skipped = skipped == null ? List.of() : List.copyOf(skipped);
        if (new LinkedHashSet<>(this.classNames).size() != this.classNames.size()) {
            throw new DatasetException("Data set '" + name + "' has duplicate class names: " + classNames);
        }
        for (Sample s : this.samples) {
            if (s.label() != null && !this.classNames.contains(s.label())) {
                throw new DatasetException("Sample " + s.id() + " of data set '" + name + "' has label '"
                        + s.label() + "', which is not one of the classes " + this.classNames);
            }
        }
    }

    public Dataset(String name, List<String> classNames, List<Sample> samples) {
        this(name, classNames, samples, List.of());
    }

    public String name() {
        return name;
    }

    public List<String> classNames() {
        return classNames;
    }

    public List<Sample> samples() {
        return samples;
    }

    public List<SkippedRow> skipped() {
        return skipped;
    }

    public int size() {
        return samples.size();
    }

    public Sample get(int index) {
        return samples.get(index);
    }

    /** The class index of a sample's label; -1 when it has none. */
    public int labelIndex(Sample sample) {
        return sample.label() == null ? -1 : classNames.indexOf(sample.label());
    }

    /** Class indices of all samples, in order. */
    public int[] labelIndices() {
        int[] result = new int[samples.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = labelIndex(samples.get(i));
        }
        return result;
    }

    /** Patient ids of all samples, in order. */
    public String[] patientIds() {
        return samples.stream().map(Sample::patientId).toArray(String[]::new);
    }

    /** Number of samples per class, in class order. */
    public Map<String, Integer> countsByClass() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        classNames.forEach(c -> counts.put(c, 0));
        samples.forEach(s -> {
            if (s.label() != null) {
                counts.merge(s.label(), 1, Integer::sum);
            }
        });
        return counts;
    }

    /** Distinct patients. */
    public Set<String> patients() {
        Set<String> patients = new LinkedHashSet<>();
        samples.forEach(s -> patients.add(s.patientId()));
        return patients;
    }

    /** The samples that match, with the same classes. */
    public Dataset filter(String newName, Predicate<Sample> keep) {
        return new Dataset(newName, classNames, samples.stream().filter(keep).toList(), skipped);
    }

    /** A data set with the given samples (for example one part of a split), same classes. */
    public Dataset withSamples(String newName, List<Sample> newSamples) {
        return new Dataset(newName, classNames, newSamples, List.of());
    }

    /**
     * Merges another data set into this one: classes are the union (this data set's order first),
     * samples are concatenated. Patient ids are prefixed with nothing: loaders already prefix them
     * with their source so that two sources never share a patient id by accident.
     */
    public Dataset merge(Dataset other) {
        List<String> classes = new ArrayList<>(classNames);
        other.classNames.stream().filter(c -> !classes.contains(c)).forEach(classes::add);
        List<Sample> all = new ArrayList<>(samples);
        all.addAll(other.samples);
        List<SkippedRow> allSkipped = new ArrayList<>(skipped);
        allSkipped.addAll(other.skipped);
        return new Dataset(name + "+" + other.name, classes, all, allSkipped);
    }

    /**
     * The same samples with the classes {@code merged} relabelled as one class {@code into}, which takes the
     * place of the first of them in the class order (e.g. normal and pneumonia as "other": COVID-19 against the
     * rest). Each relabelled sample keeps its label as {@link Sample#ORIGINAL_LABEL}.
     *
     * @throws DatasetException when a merged class is not a class of this data set, or {@code into} is a class
     *     that is not merged
     */
    public Dataset withClassesMerged(java.util.Collection<String> merged, String into) {
        for (String c : merged) {
            if (!classNames.contains(c)) {
                throw new DatasetException("Cannot merge class '" + c + "' of data set '" + name + "': its classes are "
                        + classNames + ".");
            }
        }
        if (classNames.contains(into) && !merged.contains(into)) {
            throw new DatasetException("Cannot merge " + merged + " into '" + into + "': data set '" + name
                    + "' already has a class of that name.");
        }
        List<String> classes = new ArrayList<>();
        for (String c : classNames) {
            String target = merged.contains(c) ? into : c;
            if (!classes.contains(target)) {
                classes.add(target);
            }
        }
        List<Sample> relabelled = samples.stream().map(s -> s.label() != null && merged.contains(s.label())
                ? s.withAttribute(Sample.ORIGINAL_LABEL, s.label()).withLabel(into) : s).toList();
        return new Dataset(name, classes, relabelled, skipped);
    }

    /** The same samples with classes re-ordered (every label must be among them). */
    public Dataset withClassOrder(List<String> newClassNames) {
        return new Dataset(name, newClassNames, samples, skipped);
    }

    /**
     * A fingerprint of the data: SHA-256 over class names and, per sample, id, label and patient
     * (not the pixels, which would mean reading every file). Two data sets with the same fingerprint
     * list the same images with the same labels in the same order.
     */
    public String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(String.join("\u0001", classNames).getBytes(StandardCharsets.UTF_8));
            for (Sample s : samples) {
                String line = "\n" + s.id() + "\u0001" + s.label() + "\u0001" + s.patientId();
                digest.update(line.getBytes(StandardCharsets.UTF_8));
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ", " + samples.size() + " samples, " + countsByClass() + "]";
    }
}
