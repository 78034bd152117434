package org.covidxray.duplicates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DuplicateFinderTest {
    private static FilmFingerprint bits(int count) {
        // the lowest `count` bits set: distance between bits(a) and bits(b) is |a - b|
        long w0 = count >= 64 ? -1L : (1L << count) - 1;
        return new FilmFingerprint(w0, 0, 0, 0);
    }

    @Test
    void copiesWithinTheThresholdAreOneGroupAndChainsJoin() {
        DuplicateFinder finder = new DuplicateFinder(3);
        var matches = finder.find(Arrays.asList(bits(0), bits(40), bits(2), bits(5), null, bits(20)));

        assertThat(matches).hasSize(1);
        assertThat(matches.get(0).indices()).containsExactly(0, 2, 3);
        assertThat(matches.get(0).distance()).isEqualTo(3);
    }

    @Test
    void nothingMatchesAnUnreadableImage() {
        assertThat(new DuplicateFinder().find(Arrays.asList(null, null, bits(1)))).isEmpty();
    }

    @Test
    void aThresholdOutsideTheHashIsRefused() {
        assertThatThrownBy(() -> new DuplicateFinder(-1)).hasMessageContaining("between 0 and 254");
        assertThatThrownBy(() -> new DuplicateFinder(255)).isInstanceOf(IllegalArgumentException.class);
    }
}
