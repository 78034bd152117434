package org.covidxray.examples.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.covidxray.engine.Architecture;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.io.AtomicFiles;
import org.covidxray.io.Json;
import org.covidxray.training.EpochResult;
import org.covidxray.training.TrainingCheckpoint;

/**
 * The checkpoint {@code covid train} keeps in its report folder so that {@code --resume} can continue
 * a run: a zip with {@code checkpoint.json} (epoch, best epoch and score, history, and what the run was
 * trained on) and the last and best weights. Rewritten atomically after every completed epoch, so a
 * crash or Ctrl-C never leaves a half-written one.
 */
final class CheckpointFile {
    static final String FILE_NAME = "checkpoint.zip";
    private static final String JSON_ENTRY = "checkpoint.json";
    private static final String WEIGHTS_ENTRY = "weights.bin";
    private static final String BEST_ENTRY = "best-weights.bin";
    private static final int FORMAT_VERSION = 1;

    /**
     * What a checkpoint must match to be resumed: same engine, classes, data, network and preprocessing.
     *
     * @param backend backend name
     * @param classNames class order
     * @param dataFingerprint fingerprint of the training and validation parts
     * @param architecture the network
     * @param preprocessing the input pipeline
     */
    record RunIdentity(String backend, List<String> classNames, String dataFingerprint, Architecture architecture,
                       PreprocessingConfig preprocessing) {
    }

    private final Path file;

    CheckpointFile(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    Path path() {
        return file;
    }

    boolean exists() {
        return Files.isRegularFile(file);
    }

    void write(TrainingCheckpoint checkpoint, RunIdentity identity) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("formatVersion", FORMAT_VERSION);
        json.put("identity", identity);
        json.put("epoch", checkpoint.epoch());
        json.put("bestEpoch", checkpoint.bestEpoch());
        json.put("bestScore", Double.isInfinite(checkpoint.bestScore()) ? null : checkpoint.bestScore());
        json.put("epochsSinceBest", checkpoint.epochsSinceBest());
        json.put("history", checkpoint.history());
        byte[] jsonBytes = Json.write(json).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            put(zip, JSON_ENTRY, jsonBytes);
            put(zip, WEIGHTS_ENTRY, checkpoint.weights());
            if (checkpoint.bestWeights() != null) {
                put(zip, BEST_ENTRY, checkpoint.bestWeights());
            }
            zip.finish();
        });
    }

    /** Reads the checkpoint and checks that it belongs to a run like {@code expected}. */
    TrainingCheckpoint read(RunIdentity expected) {
        if (!exists()) {
            throw new UserException("Nothing to resume: there is no " + FILE_NAME + " in " + file.getParent()
                    + ". Run without --resume to start training, or give the --report folder of the run to resume.");
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                zip.transferTo(content);
                entries.put(entry.getName(), content.toByteArray());
            }
        } catch (IOException e) {
            throw new UserException("The checkpoint " + file + " is unreadable (" + e.getMessage()
                    + "). Delete it and run without --resume.", e);
        }
        if (!entries.containsKey(JSON_ENTRY) || !entries.containsKey(WEIGHTS_ENTRY)) {
            throw new UserException("The checkpoint " + file + " is incomplete. Delete it and run without --resume.");
        }
        try {
            JsonNode json = Json.mapper().readTree(entries.get(JSON_ENTRY));
            if (json.path("formatVersion").asInt() != FORMAT_VERSION) {
                throw new UserException("The checkpoint " + file + " has format " + json.path("formatVersion")
                        + "; this version reads " + FORMAT_VERSION + ". Run without --resume.");
            }
            RunIdentity found = Json.mapper().treeToValue(json.path("identity"), RunIdentity.class);
            List<String> differences = expected == null ? List.of() : differences(expected, found);
            if (!differences.isEmpty()) {
                throw new UserException("The checkpoint " + file + " belongs to another run: "
                        + String.join("; ", differences) + ". Resume with the same data and options, or run without "
                        + "--resume to start over.");
            }
            List<EpochResult> history = Json.mapper().convertValue(json.path("history"),
                    new TypeReference<List<EpochResult>>() { });
            JsonNode bestScore = json.path("bestScore");
            return new TrainingCheckpoint(json.path("epoch").asInt(), entries.get(WEIGHTS_ENTRY),
                    entries.get(BEST_ENTRY), json.path("bestEpoch").asInt(),
                    bestScore.isNumber() ? bestScore.asDouble() : Double.NEGATIVE_INFINITY,
                    json.path("epochsSinceBest").asInt(), new ArrayList<>(history));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    /** Reads the checkpoint without checking whose run it is (for tools and tests). */
    TrainingCheckpoint readUnchecked() {
        return read(null);
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + file, e);
        }
    }

    private static List<String> differences(RunIdentity expected, RunIdentity found) {
        List<String> out = new ArrayList<>();
        if (!Objects.equals(expected.backend(), found.backend())) {
            out.add("backend " + found.backend() + ", not " + expected.backend());
        }
        if (!Objects.equals(expected.classNames(), found.classNames())) {
            out.add("classes " + found.classNames() + ", not " + expected.classNames());
        }
        if (!Objects.equals(expected.dataFingerprint(), found.dataFingerprint())) {
            out.add("other training/validation images (" + found.dataFingerprint() + ", now "
                    + expected.dataFingerprint() + ")");
        }
        if (!Objects.equals(expected.architecture(), found.architecture())) {
            out.add("another network");
        }
        if (!Objects.equals(expected.preprocessing(), found.preprocessing())) {
            out.add("other preprocessing (image size, crop, equalisation)");
        }
        return out;
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }
}
