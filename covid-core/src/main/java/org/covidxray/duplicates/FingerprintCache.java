package org.covidxray.duplicates;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.covidxray.image.ImageDecodeException;
import org.covidxray.image.ImageDecoder;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fingerprints of image files, computed once per file version: an entry is keyed by the file's absolute
 * path, size and modification time, so an edited file is hashed again. Decoding is what costs (about
 * 2 ms for a 512-pixel JPEG); a cache backed by a file ({@link #backedBy(Path)}) keeps the work across
 * runs. Safe for concurrent use.
 */
public final class FingerprintCache {
    private static final Logger LOG = LoggerFactory.getLogger(FingerprintCache.class);
    private static final String HEADER = "# covid-xray film fingerprints v1: size\tmodified-ms\thash\tpath";

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Path file;
    private volatile boolean changed;

    private record Entry(long size, long modified, FilmFingerprint fingerprint) {
    }

    private FingerprintCache(Path file) {
        this.file = file;
    }

    /** A cache that lives as long as this object. */
    public static FingerprintCache inMemory() {
        return new FingerprintCache(null);
    }

    /**
     * A cache read from {@code file} when it exists and written back by {@link #save()}. A file that
     * cannot be read is ignored with a warning (the fingerprints are computed again).
     */
    public static FingerprintCache backedBy(Path file) {
        FingerprintCache cache = new FingerprintCache(file);
        if (Files.isRegularFile(file)) {
            cache.read();
        }
        return cache;
    }

    /**
     * The fingerprint of an image file, or empty when the file cannot be read or decoded (logged once;
     * whoever trains on the file will report it properly).
     */
    public Optional<FilmFingerprint> fingerprint(Path image) {
        Path key = image.toAbsolutePath().normalize();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(key, BasicFileAttributes.class);
        } catch (IOException e) {
            LOG.warn("No fingerprint for {}: {}", key, e.toString());
            return Optional.empty();
        }
        long size = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis();
        Entry entry = entries.get(key.toString());
        if (entry != null && entry.size() == size && entry.modified() == modified) {
            return Optional.of(entry.fingerprint());
        }
        try {
            byte[] bytes = Files.readAllBytes(key);
            FilmFingerprint fingerprint = PerceptualHash.of(ImageDecoder.decodeGray(bytes, key.toString(),
                    PreprocessingConfig.DEFAULT_MAX_PIXELS));
            entries.put(key.toString(), new Entry(size, modified, fingerprint));
            changed = true;
            return Optional.of(fingerprint);
        } catch (IOException | ImageDecodeException e) {
            LOG.warn("No fingerprint for {}, so it is not checked for duplicates: {}", key, e.getMessage());
            return Optional.empty();
        }
    }

    /** Number of files with a fingerprint. */
    public int size() {
        return entries.size();
    }

    /** Writes the cache file (atomically), if this cache has one and anything was added. */
    public void save() {
        if (file == null || !changed) {
            return;
        }
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        new TreeMap<>(entries).forEach((path, e) -> out.append(e.size()).append('\t').append(e.modified()).append('\t')
                .append(e.fingerprint().hex()).append('\t').append(path).append('\n'));
        AtomicFiles.writeString(file, out.toString());
        changed = false;
    }

    private void read() {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", 4);
                entries.put(f[3], new Entry(Long.parseLong(f[0]), Long.parseLong(f[1]), FilmFingerprint.parse(f[2])));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Fingerprint cache {} is unreadable ({}); fingerprints are computed again and the file "
                    + "rewritten", file, e.toString());
            entries.clear();
        }
    }
}
