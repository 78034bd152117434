package org.covidxray.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.covidxray.io.AtomicFiles;
import org.covidxray.io.Json;

/**
 * A model bundle: one zip file holding {@code manifest.json} and {@code weights.bin} (the engine's
 * own weights format, named in the manifest), and possibly further entries that other files built on
 * the bundle add (a training checkpoint keeps its state there). Written atomically; read with checks
 * that say exactly what is wrong with a file.
 */
public final class ModelBundle {
    public static final String MANIFEST_ENTRY = "manifest.json";
    public static final String WEIGHTS_ENTRY = "weights.bin";
    /** Refuse bundles whose weights claim more than this (a corrupt or hostile file). */
    private static final long MAX_ENTRY_BYTES = 2L << 30;

    private final Path source;
    private final ModelManifest manifest;
    private final byte[] weights;
    private final Map<String, byte[]> extraEntries;

    public ModelBundle(Path source, ModelManifest manifest, byte[] weights) {
        this(source, manifest, weights, Map.of());
    }

    /** A bundle with entries besides the manifest and the weights ({@code name -> content}). */
    public ModelBundle(Path source, ModelManifest manifest, byte[] weights, Map<String, byte[]> extraEntries) {
        this.source = source;
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.weights = Objects.requireNonNull(weights, "weights");
        this.extraEntries = Map.copyOf(extraEntries);
    }

    /** Where the bundle was read from ({@code null} for one built in memory). */
    public Path source() {
        return source;
    }

    public ModelManifest manifest() {
        return manifest;
    }

    /** The engine's weights bytes (not copied: do not modify). */
    public byte[] weights() {
        return weights;
    }

    /** Another entry of the zip than the manifest and the weights, or {@code null} when there is none (not copied). */
    public byte[] entry(String name) {
        return extraEntries.get(name);
    }

    /** This bundle with another manifest (same weights and entries), e.g. a card with more results. */
    public ModelBundle withManifest(ModelManifest newManifest) {
        return new ModelBundle(source, newManifest, weights, extraEntries);
    }

    /** Writes this bundle, its further entries included, to {@code file} atomically. */
    public void writeTo(Path file) {
        write(file, manifest, weights, extraEntries);
    }

    /** Writes manifest and weights to {@code file} atomically. */
    public static void write(Path file, ModelManifest manifest, byte[] weights) {
        write(file, manifest, weights, Map.of());
    }

    /** Writes manifest, weights and further entries ({@code name -> content}) to {@code file} atomically. */
    public static void write(Path file, ModelManifest manifest, byte[] weights, Map<String, byte[]> extraEntries) {
        if (extraEntries.containsKey(MANIFEST_ENTRY) || extraEntries.containsKey(WEIGHTS_ENTRY)) {
            throw new IllegalArgumentException("extra entries of " + file + " must not be named " + MANIFEST_ENTRY
                    + " or " + WEIGHTS_ENTRY);
        }
        byte[] manifestBytes;
        try {
            manifestBytes = Json.mapper().writeValueAsBytes(manifest);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException("Could not serialise the manifest of model " + manifest.modelId(), e);
        }
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(MANIFEST_ENTRY));
            zip.write(manifestBytes);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(WEIGHTS_ENTRY));
            zip.write(weights);
            zip.closeEntry();
            for (Map.Entry<String, byte[]> extra : extraEntries.entrySet()) {
                zip.putNextEntry(new ZipEntry(extra.getKey()));
                zip.write(extra.getValue());
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /** Reads a bundle from a file. */
    public static ModelBundle read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("Model file " + file + " does not exist. Give the path of a .zip model "
                    + "bundle written by 'covid train'.");
        } catch (IOException e) {
            throw new ModelFormatException("Could not read model file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a bundle from a stream (e.g. a class-path resource); {@code name} is used in messages. */
    public static ModelBundle read(InputStream in, Path name) {
        ModelManifest manifest = null;
        byte[] weights = null;
        Map<String, byte[]> extraEntries = new LinkedHashMap<>();
        boolean anyEntry = false;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                anyEntry = true;
                byte[] content = readEntry(zip, name, entry.getName());
                if (MANIFEST_ENTRY.equals(entry.getName())) {
                    manifest = parseManifest(content, name);
                } else if (WEIGHTS_ENTRY.equals(entry.getName())) {
                    weights = content;
                } else {
                    extraEntries.put(entry.getName(), content);
                }
            }
        } catch (ZipException e) {
            throw new ModelFormatException("Model file " + name + " is not a valid zip (corrupt or truncated): "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelFormatException("Could not read model file " + name + ": " + e.getMessage(), e);
        }
        if (!anyEntry) {
            throw new ModelFormatException("Model file " + name + " is not a model bundle: it is empty or not a zip file.");
        }
        if (manifest == null) {
            throw new ModelFormatException("Model file " + name + " has no " + MANIFEST_ENTRY
                    + "; it was not written by covid-xray or is corrupt.");
        }
        if (weights == null) {
            throw new ModelFormatException("Model file " + name + " has no " + WEIGHTS_ENTRY + "; it is incomplete.");
        }
        return new ModelBundle(name, manifest, weights, extraEntries);
    }

    private static byte[] readEntry(ZipInputStream zip, Path name, String entryName) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = zip.read(buffer)) > 0) {
            total += n;
            if (total > MAX_ENTRY_BYTES) {
                throw new ModelFormatException("Model file " + name + ": entry " + entryName + " is larger than 2 GB.");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static ModelManifest parseManifest(byte[] content, Path name) {
        ModelManifest manifest;
        try {
            var tree = Json.mapper().readTree(content);
            int version = tree.path("formatVersion").asInt(-1);
            if (!tree.isObject() || version < 1 || version > ModelManifest.CURRENT_FORMAT_VERSION) {
                throw new ModelFormatException("Model file " + name + " has format version " + version
                        + "; this covid-xray reads versions 1 to " + ModelManifest.CURRENT_FORMAT_VERSION
                        + ". Use the covid-xray version that wrote it, or retrain.");
            }
            var current = ManifestUpgrade.toCurrent((com.fasterxml.jackson.databind.node.ObjectNode) tree, version);
            manifest = Json.mapper().treeToValue(current, ModelManifest.class);
        } catch (IOException e) {
            throw new ModelFormatException("Model file " + name + " has an unreadable " + MANIFEST_ENTRY + ": "
                    + e.getMessage(), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ModelFormatException("Model file " + name + " has an invalid " + MANIFEST_ENTRY + ": "
                    + e.getMessage(), e);
        }
        if (manifest.classNames().size() < 2) {
            throw new ModelFormatException("Model file " + name + " lists " + manifest.classNames().size()
                    + " classes; a classifier needs at least two.");
        }
        return manifest;
    }

    /** Checks that the bundle was written by the named backend; the message says which one to use. */
    public void requireBackend(String backendName) {
        if (!manifest.backend().equals(backendName)) {
            throw new ModelFormatException("Model file " + source + " was written by backend '" + manifest.backend()
                    + "', not '" + backendName + "'. Load it with Models.load(...) so the right backend is chosen.");
        }
    }
}
