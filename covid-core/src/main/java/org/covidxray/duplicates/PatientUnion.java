package org.covidxray.duplicates;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Union-find over patient ids: the patients of two copies of one film are one patient group, and so
 * are the patients linked through chains of copies. Written by hand; it is ten lines and no dependency
 * of the project offers one.
 */
final class PatientUnion {
    private final Map<String, String> parent = new HashMap<>();

    void join(String a, String b) {
        String ra = root(a);
        String rb = root(b);
        if (!ra.equals(rb)) {
            parent.put(ra.compareTo(rb) < 0 ? rb : ra, ra.compareTo(rb) < 0 ? ra : rb);
        }
    }

    /**
     * The joined id of every patient in a group of two or more: the sorted ids of its members joined by
     * {@code +} (readable and the same whatever the merge order). Patients never joined are absent.
     */
    Map<String, String> groupIds() {
        Map<String, TreeSet<String>> members = new HashMap<>();
        for (String id : parent.keySet()) {
            members.computeIfAbsent(root(id), k -> new TreeSet<>()).add(id);
        }
        Map<String, String> result = new HashMap<>();
        members.values().forEach(group -> {
            if (group.size() > 1) {
                String joined = String.join("+", group);
                group.forEach(id -> result.put(id, joined));
            }
        });
        return result;
    }

    private String root(String id) {
        String p = parent.computeIfAbsent(id, k -> k);
        if (p.equals(id)) {
            return id;
        }
        String r = root(p);
        parent.put(id, r);
        return r;
    }
}
