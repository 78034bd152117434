package org.covidxray.image;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A named, seeded list of {@link LookChange}s applied in order to a decoded gray image before
 * preprocessing, to see how a model fares on images whose look differs from its training data. Random
 * parts (noise) are seeded per image from the shift's seed and the image's id (e.g. its path), so the same
 * image always gets the same shifted look and different images get different noise.
 *
 * @param name how tables name the shift ({@code none} for the unchanged images)
 * @param changes the changes, applied first to last
 * @param seed mixed with each image's id
 */
public record AppearanceShift(String name, List<LookChange> changes, long seed) {
    /** The seed of the presets and of parsed shifts. */
    public static final long DEFAULT_SEED = 20261202L;

    private static final Map<String, AppearanceShift> PRESETS = presetMap();

    public AppearanceShift {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an appearance shift needs a name");
        }
        changes = List.copyOf(changes);
    }

    /** The images as they are. */
    public static AppearanceShift none() {
        return new AppearanceShift("none", List.of(), DEFAULT_SEED);
    }

    public boolean isIdentity() {
        return changes.isEmpty();
    }

    /**
     * The image with every change applied. {@code inputSize} is the network input's side, so that blur
     * sigmas given in input pixels scale with the decoded image ({@code image.width() / inputSize}).
     */
    public GrayImage apply(GrayImage image, String imageId, int inputSize) {
        if (changes.isEmpty()) {
            return image;
        }
        double scale = Math.max(image.width(), image.height()) / (double) inputSize;
        float[] pixels = image.pixels();
        SplittableRandom random = new SplittableRandom(imageSeed(seed, imageId));
        for (LookChange change : changes) {
            pixels = change.apply(pixels, image.width(), image.height(), scale, random);
        }
        return new GrayImage(pixels, image.width(), image.height());
    }

    /** A per-image seed: the shift's seed mixed with a 64-bit hash of the id (stable across JVMs). */
    public static long imageSeed(long seed, String imageId) {
        long h = 0xcbf29ce484222325L; // FNV-1a
        for (byte b : imageId.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        long z = seed ^ h;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The named presets in table order: one kind of change each, then a combination. */
    public static List<AppearanceShift> presets() {
        return List.copyOf(PRESETS.values());
    }

    private static Map<String, AppearanceShift> presetMap() {
        Map<String, AppearanceShift> m = new LinkedHashMap<>();
        for (String spec : List.of("gamma=0.6", "gamma=1.6", "contrast=0.6", "contrast=1.4", "res=0.5", "blur=1.5",
                "noise=0.05", "gamma=1.6,contrast=0.6,blur=1.0")) {
            AppearanceShift s = parseChanges(spec);
            m.put(s.name(), s);
        }
        return m;
    }

    /**
     * A shift from its text: a preset name ({@code gamma1.6}, {@code gamma1.6+contrast0.6+blur1.0}, ...) or
     * changes {@code key=value} separated by commas or {@code +}, keys {@code gamma}, {@code contrast},
     * {@code res} (or {@code resolution}), {@code blur}, {@code noise}; e.g. {@code gamma=1.6,contrast=0.6}.
     *
     * @throws IllegalArgumentException naming the token that is not understood
     */
    public static AppearanceShift parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty look shift; give a preset (" + String.join(", ", PRESETS.keySet())
                    + ") or changes such as gamma=1.6,contrast=0.6");
        }
        String t = text.trim();
        AppearanceShift preset = PRESETS.get(t.toLowerCase(Locale.ROOT));
        if (preset != null) {
            return preset;
        }
        if (!t.contains("=")) {
            throw new IllegalArgumentException("'" + t + "' is neither a preset (" + String.join(", ", PRESETS.keySet())
                    + ") nor a list of changes such as gamma=1.6,contrast=0.6");
        }
        return parseChanges(t);
    }

    private static AppearanceShift parseChanges(String text) {
        List<LookChange> changes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String token : text.split("[,+]", -1)) {
            String tok = token.trim();
            int eq = tok.indexOf('=');
            if (eq <= 0 || eq == tok.length() - 1) {
                throw new IllegalArgumentException("look shift token '" + tok + "' in '" + text
                        + "' is not key=value (keys gamma, contrast, res, blur, noise)");
            }
            String key = tok.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String raw = tok.substring(eq + 1).trim();
            double value;
            try {
                value = Double.parseDouble(raw);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("look shift token '" + tok + "': '" + raw + "' is not a number", e);
            }
            try {
                LookChange change = switch (key) {
                    case "gamma" -> new LookChange.Gamma(value);
                    case "contrast" -> new LookChange.Contrast(value);
                    case "res", "resolution" -> new LookChange.Resolution(value);
                    case "blur" -> new LookChange.Blur(value);
                    case "noise" -> new LookChange.Noise(value);
                    default -> throw new IllegalArgumentException("unknown change '" + key
                            + "' (keys gamma, contrast, res, blur, noise)");
                };
                changes.add(change);
                names.add((key.equals("resolution") ? "res" : key) + raw);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("look shift token '" + tok + "': " + e.getMessage(), e);
            }
        }
        return new AppearanceShift(String.join("+", names), changes, DEFAULT_SEED);
    }
}
