package org.covidxray.duplicates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds copies of the same film among fingerprinted images: two images are copies when their
 * fingerprints are at most {@link #maxDistance()} bits apart, and copies of copies are one group.
 *
 * <p>The default, {@value #DEFAULT_MAX_DISTANCE} bits of {@value FilmFingerprint#BITS}, was chosen on
 * the shared data (6,813 images of six sets): Cohen's copies of Hannover films are 0-14 bits from
 * Hannover's files (62 of 67; the other 5 were cropped off-centre and are 108-140 bits away), the
 * duplicates inside Cohen's and Kermany's sets 0-18 bits, and the closest two distinct films 36 bits.
 * Every pair is compared (n² / 2 XOR-and-count operations, well under a second for 7,000 images), so no
 * index can miss a pair.
 */
public final class DuplicateFinder {
    /** The measured default threshold in bits. */
    public static final int DEFAULT_MAX_DISTANCE = 24;

    private final int maxDistance;

    /** A finder with {@link #DEFAULT_MAX_DISTANCE}. */
    public DuplicateFinder() {
        this(DEFAULT_MAX_DISTANCE);
    }

    /**
     * @param maxDistance the largest Hamming distance at which two images count as one film
     * @throws IllegalArgumentException when it is negative or not below {@value FilmFingerprint#BITS}
     */
    public DuplicateFinder(int maxDistance) {
        if (maxDistance < 0 || maxDistance >= FilmFingerprint.BITS) {
            throw new IllegalArgumentException("The duplicate distance must be between 0 and "
                    + (FilmFingerprint.BITS - 1) + " bits, got " + maxDistance);
        }
        this.maxDistance = maxDistance;
    }

    public int maxDistance() {
        return maxDistance;
    }

    /**
     * Groups of copies: each group lists the indices (into {@code fingerprints}, ascending) of two or more
     * images that are one film, and the largest distance between linked copies; groups are ordered by
     * their first index. A {@code null} fingerprint (an unreadable image) matches nothing.
     */
    public List<Match> find(List<FilmFingerprint> fingerprints) {
        int n = fingerprints.size();
        int[] parent = new int[n];
        int[] worst = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            FilmFingerprint a = fingerprints.get(i);
            if (a == null) {
                continue;
            }
            for (int j = i + 1; j < n; j++) {
                FilmFingerprint b = fingerprints.get(j);
                if (b != null) {
                    int d = a.distance(b);
                    if (d <= maxDistance) {
                        int ri = root(parent, i);
                        int rj = root(parent, j);
                        int root = Math.min(ri, rj);
                        parent[Math.max(ri, rj)] = root;
                        worst[root] = Math.max(Math.max(worst[ri], worst[rj]), d);
                    }
                }
            }
        }
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            groups.computeIfAbsent(root(parent, i), k -> new ArrayList<>()).add(i);
        }
        List<Match> matches = new ArrayList<>();
        groups.forEach((root, members) -> {
            if (members.size() > 1) {
                matches.add(new Match(List.copyOf(members), worst[root]));
            }
        });
        return matches;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /**
     * One film found more than once.
     *
     * @param indices positions of its copies in the fingerprint list, ascending
     * @param distance the largest distance between two linked copies
     */
    public record Match(List<Integer> indices, int distance) {
        public Match {
            indices = List.copyOf(indices);
        }
    }

    @Override
    public String toString() {
        return "DuplicateFinder[maxDistance=" + maxDistance + " of " + FilmFingerprint.BITS + " bits]";
    }
}
