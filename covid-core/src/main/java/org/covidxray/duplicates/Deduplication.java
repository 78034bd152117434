package org.covidxray.duplicates;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;

/**
 * What {@link Deduplicator} did.
 *
 * @param parts the data sets without the dropped copies, in the order given; images of joined patients
 *     carry the joined patient id (the members' ids, sorted, joined by {@code +})
 * @param groups every film found more than once
 * @param conflicts copies whose label differs from the kept copy's
 * @param images images looked at
 * @param fingerprinted images with a fingerprint (the others were unreadable and passed through)
 * @param maxDistance the duplicate threshold used, in bits of {@value FilmFingerprint#BITS}
 * @param preferredSources the source preference used to choose the kept copy
 */
public record Deduplication(List<Dataset> parts, List<DuplicateGroup> groups, List<LabelConflict> conflicts,
                            int images, int fingerprinted, int maxDistance, List<String> preferredSources) {
    public Deduplication {
        parts = List.copyOf(parts);
        groups = List.copyOf(groups);
        conflicts = List.copyOf(conflicts);
        preferredSources = List.copyOf(preferredSources);
    }

    /** Copies left out (every copy of a group but the kept one). */
    public int dropped() {
        return groups.stream().mapToInt(g -> g.copies().size() - 1).sum();
    }

    /** Groups whose copies come from more than one source. */
    public long acrossSources() {
        return groups.stream().filter(DuplicateGroup::acrossSources).count();
    }

    /** Patient ids that were joined with another patient's (ids containing {@code +}). */
    public int joinedPatientGroups() {
        Set<String> joined = new HashSet<>();
        parts.forEach(p -> p.samples().stream().map(Sample::patientId).filter(id -> id.contains("+"))
                .forEach(joined::add));
        return joined.size();
    }

    /** One paragraph for people. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append("Duplicate films (same picture by content: perceptual hashes at most ").append(maxDistance)
                .append(" of ").append(FilmFingerprint.BITS).append(" bits apart): ").append(groups.size())
                .append(" film(s) found more than once among ").append(images).append(" loaded images (")
                .append(acrossSources()).append(" across sources, ").append(groups.size() - acrossSources())
                .append(" within one); ").append(dropped()).append(" copies left out, one kept per film");
        if (preferredSources.size() > 1) {
            out.append(" (from the first of ").append(String.join(", ", preferredSources))
                    .append(", i.e. a hospital's own release before a collection that copied it)");
        }
        out.append("; the patients of copies were joined into ").append(joinedPatientGroups())
                .append(" patient group(s) so that no split separates them; ").append(conflicts.size())
                .append(" label conflict(s) between copies");
        if (fingerprinted < images) {
            out.append("; ").append(images - fingerprinted).append(" unreadable image(s) not checked");
        }
        return out.append('.').toString();
    }

    /** The summary and one line per label conflict. */
    public String toText() {
        StringBuilder out = new StringBuilder(summary()).append('\n');
        conflicts.forEach(c -> out.append("  label conflict: ").append(c.toText()).append('\n'));
        return out.toString();
    }
}
