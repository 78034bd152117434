package org.covidxray.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks shared by the split tests. */
final class SplitAssertions {
    private SplitAssertions() {
    }

    /** No patient id in two parts, and the parts together hold every sample exactly once. */
    static void assertPatientDisjointPartition(Dataset whole, List<Dataset> parts) {
        for (int i = 0; i < parts.size(); i++) {
            for (int j = i + 1; j < parts.size(); j++) {
                Set<String> shared = new HashSet<>(parts.get(i).patients());
                shared.retainAll(parts.get(j).patients());
                assertThat(shared).as("patients in both %s and %s", parts.get(i).name(), parts.get(j).name())
                        .isEmpty();
            }
        }
        List<String> ids = parts.stream().flatMap(p -> p.samples().stream()).map(Sample::id).toList();
        assertThat(ids).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(whole.samples().stream().map(Sample::id).toList());
    }

    /** Share of class {@code c} among the part's samples. */
    static double share(Dataset part, String c) {
        return part.countsByClass().get(c) / (double) part.size();
    }
}
