package org.covidxray.data;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Maps a source's own label (a folder name, a finding text) to one of our classes, or excludes it.
 * Source labels are matched trimmed and case-insensitively, because sources are inconsistent about
 * case ({@code NORMAL} folders, {@code No Finding} findings). Labels without an explicit entry follow
 * the fallback: keep the label as it is (the default), map to one class, or exclude.
 */
public final class ClassMapping {
    private static final ClassMapping IDENTITY = new ClassMapping(Map.of(), Set.of(), Fallback.KEEP, null);

    private enum Fallback { KEEP, MAP, EXCLUDE }

    private final Map<String, Optional<String>> entries;
    private final Set<String> unlabelled;
    private final Fallback fallback;
    private final String fallbackClass;

    private ClassMapping(Map<String, Optional<String>> entries, Set<String> unlabelled, Fallback fallback,
                         String fallbackClass) {
        this.entries = Map.copyOf(entries);
        this.unlabelled = Set.copyOf(unlabelled);
        this.fallback = fallback;
        this.fallbackClass = fallbackClass;
    }

    /** Every source label is its own class. */
    public static ClassMapping identity() {
        return IDENTITY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Our class for a source label, or empty when the label is excluded. */
    public Optional<String> apply(String sourceLabel) {
        String key = key(sourceLabel);
        Optional<String> mapped = entries.get(key);
        if (mapped != null) {
            return mapped;
        }
        return switch (fallback) {
            case KEEP -> Optional.of(sourceLabel.trim());
            case MAP -> Optional.of(fallbackClass);
            case EXCLUDE -> Optional.empty();
        };
    }

    /**
     * True when samples with this source label are kept without a label instead of being left out (see
     * {@link Builder#keepUnlabelled(String)}); {@link #apply(String)} gives empty for them.
     */
    public boolean keepsUnlabelled(String sourceLabel) {
        return unlabelled.contains(key(sourceLabel));
    }

    /** True when this mapping keeps every label unchanged. */
    public boolean isIdentity() {
        return entries.isEmpty() && fallback == Fallback.KEEP;
    }

    private static String key(String label) {
        return label == null ? "" : label.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "ClassMapping" + entries + " otherwise " + (fallback == Fallback.MAP ? fallbackClass : fallback);
    }

    /** Builds a {@link ClassMapping}; later entries for the same source label replace earlier ones. */
    public static final class Builder {
        private final Map<String, Optional<String>> entries = new LinkedHashMap<>();
        private final Set<String> unlabelled = new LinkedHashSet<>();
        private Fallback fallback = Fallback.KEEP;
        private String fallbackClass;

        /** Maps a source label to one of our classes. */
        public Builder map(String sourceLabel, String targetClass) {
            Objects.requireNonNull(targetClass, "targetClass");
            if (targetClass.isBlank()) {
                throw new IllegalArgumentException("Class name for '" + sourceLabel + "' is blank; use exclude()");
            }
            entries.put(key(sourceLabel), Optional.of(targetClass.trim()));
            unlabelled.remove(key(sourceLabel));
            return this;
        }

        /** Maps several source labels to the same class. */
        public Builder mapAll(List<String> sourceLabels, String targetClass) {
            sourceLabels.forEach(label -> map(label, targetClass));
            return this;
        }

        /** Drops samples with this source label (they are counted and logged, not reported as bad rows). */
        public Builder exclude(String sourceLabel) {
            entries.put(key(sourceLabel), Optional.empty());
            unlabelled.remove(key(sourceLabel));
            return this;
        }

        /**
         * Keeps samples with this source label but gives them no class ({@link Sample#label()} is null).
         * For films whose source says they are none of our classes but which other collections copied
         * under a class: duplicate detection can then still see them and drop the mislabelled copy. A
         * merge that takes only some classes leaves them out; training refuses unlabelled samples.
         */
        public Builder keepUnlabelled(String sourceLabel) {
            entries.put(key(sourceLabel), Optional.empty());
            unlabelled.add(key(sourceLabel));
            return this;
        }

        /** Source labels without an entry keep their own text as class name (the default). */
        public Builder otherwiseKeep() {
            fallback = Fallback.KEEP;
            fallbackClass = null;
            return this;
        }

        /** Source labels without an entry go to {@code targetClass}. */
        public Builder otherwise(String targetClass) {
            fallback = Fallback.MAP;
            fallbackClass = Objects.requireNonNull(targetClass, "targetClass").trim();
            return this;
        }

        /** Source labels without an entry are excluded. */
        public Builder otherwiseExclude() {
            fallback = Fallback.EXCLUDE;
            fallbackClass = null;
            return this;
        }

        public ClassMapping build() {
            return new ClassMapping(entries, unlabelled, fallback, fallbackClass);
        }
    }
}
