package org.covidxray.duplicates;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each film once across the data sets about to be merged (and within each of them), by content:
 * every image is fingerprinted, {@link DuplicateFinder} groups the copies, and of each group one copy
 * stays.
 *
 * <ul>
 *   <li><b>Which copy.</b> The one whose source comes first in the preferred sources (a hospital's own
 *       release before a collection that re-published its films: Hannover's label for a Hannover film is
 *       the hospital's, Cohen's was copied from an earlier release and is wrong for some), then the
 *       first in merge order. A kept copy without a class (Hannover's films from before the COVID-19
 *       admission) is kept as it is, so a merge that selects classes drops the film altogether instead of
 *       training on another copy's wrong label.</li>
 *   <li><b>Patients.</b> The patients of all copies become one patient group: every image of these
 *       patients, in every part, gets the joined patient id (see {@link Deduplication}), so a
 *       patient-disjoint split can put neither the film nor the patients' other films on two sides.</li>
 *   <li><b>Labels.</b> Copies whose class differs from the kept copy's are reported as
 *       {@link LabelConflict}s.</li>
 * </ul>
 * Unreadable images get no fingerprint and are passed through unchanged.
 */
public final class Deduplicator {
    private static final Logger LOG = LoggerFactory.getLogger(Deduplicator.class);

    private final DuplicateFinder finder;
    private final FingerprintCache cache;
    private final List<String> preferredSources;

    /**
     * @param finder decides which images are one film
     * @param cache where fingerprints come from
     * @param preferredSources {@link Sample#SOURCE} values, the most trusted first; sources not listed
     *     come after them, in merge order
     */
    public Deduplicator(DuplicateFinder finder, FingerprintCache cache, List<String> preferredSources) {
        this.finder = Objects.requireNonNull(finder, "finder");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.preferredSources = List.copyOf(preferredSources);
    }

    /** Deduplicates one data set. */
    public Deduplication apply(Dataset dataset) {
        return apply(List.of(dataset));
    }

    /** Deduplicates the parts of a merge; the result holds the same parts, in order, without the dropped copies. */
    public Deduplication apply(List<Dataset> parts) {
        List<Sample> all = new ArrayList<>();
        List<Integer> partOf = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            for (Sample s : parts.get(p).samples()) {
                all.add(s);
                partOf.add(p);
            }
        }
        long start = System.nanoTime();
        List<FilmFingerprint> fingerprints = new ArrayList<>(all.size());
        int fingerprinted = 0;
        for (Sample s : all) {
            FilmFingerprint f = cache.fingerprint(s.path()).orElse(null);
            fingerprints.add(f);
            fingerprinted += f == null ? 0 : 1;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("Fingerprinted {} of {} images in {} s ({} images/s, one thread, cached ones included)",
                fingerprinted, all.size(), String.format("%.1f", seconds),
                String.format("%.0f", all.size() / Math.max(seconds, 1e-9)));

        List<DuplicateFinder.Match> matches = finder.find(fingerprints);
        Comparator<Integer> preference = Comparator.comparingInt((Integer i) -> rank(all.get(i)))
                .thenComparingInt(partOf::get).thenComparingInt(i -> i);
        Set<Integer> dropped = new HashSet<>();
        PatientUnion patients = new PatientUnion();
        List<DuplicateGroup> groups = new ArrayList<>();
        List<LabelConflict> conflicts = new ArrayList<>();
        for (DuplicateFinder.Match match : matches) {
            int kept = match.indices().stream().min(preference).orElseThrow();
            Sample keep = all.get(kept);
            for (int i : match.indices()) {
                Sample copy = all.get(i);
                patients.join(keep.patientId(), copy.patientId());
                if (i == kept) {
                    continue;
                }
                dropped.add(i);
                if (!Objects.equals(copy.label(), keep.label())) {
                    conflicts.add(new LabelConflict(keep.path(), keep.attribute(Sample.SOURCE), keep.label(),
                            keep.attribute(Sample.FINDING), copy.path(), copy.attribute(Sample.SOURCE), copy.label(),
                            copy.attribute(Sample.FINDING), fingerprints.get(kept).distance(fingerprints.get(i))));
                }
            }
            groups.add(new DuplicateGroup(match.indices().stream().map(all::get).toList(), keep, match.distance()));
        }
        Map<String, String> joined = patients.groupIds();
        List<List<Sample>> kept = new ArrayList<>();
        parts.forEach(p -> kept.add(new ArrayList<>()));
        for (int i = 0; i < all.size(); i++) {
            if (!dropped.contains(i)) {
                Sample s = all.get(i);
                String group = joined.get(s.patientId());
                kept.get(partOf.get(i)).add(group == null ? s
                        : new Sample(s.id(), s.path(), s.label(), group, s.attributes()));
            }
        }
        List<Dataset> result = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            Dataset part = parts.get(p);
            result.add(new Dataset(part.name(), part.classNames(), kept.get(p), part.skipped()));
        }
        Deduplication outcome = new Deduplication(result, groups, conflicts, all.size(), fingerprinted,
                finder.maxDistance(), preferredSources);
        LOG.info("{}", outcome.summary());
        conflicts.forEach(c -> LOG.warn("Label conflict between copies of one film: {}", c.toText()));
        return outcome;
    }

    private int rank(Sample sample) {
        int i = preferredSources.indexOf(sample.attribute(Sample.SOURCE));
        return i < 0 ? preferredSources.size() : i;
    }
}
