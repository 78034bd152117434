package org.covidxray.examples.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadGuardTest {
    private final List<Duration> slept = new ArrayList<>();

    private LoadGuard guard(Duration maxWait, double... loads) {
        Deque<Double> queue = new ArrayDeque<>();
        for (double l : loads) {
            queue.add(l);
        }
        // the last value repeats, as a load that stays put
        LoadGuard.LoadSource source = () -> queue.size() > 1 ? queue.poll() : queue.peek();
        return new LoadGuard(source, 0.7, maxWait, Duration.ofSeconds(5), slept::add);
    }

    @Test
    void waitsForTheLoadOfThePreviousRunToFall() throws InterruptedException {
        LoadGuard guard = guard(Duration.ofMinutes(5), 1.9, 1.2, 0.8, 0.6);

        assertThat(guard.awaitQuiet()).isEqualTo(0.6);
        assertThat(slept).hasSize(3);
        assertThat(guard.verdict().competing()).isFalse();
        assertThat(guard.verdict().text()).startsWith("quiet machine: 1-minute load at most 0.60");
    }

    @Test
    void aLoadThatStaysHighIsACompetitorAfterABoundedWait() throws InterruptedException {
        LoadGuard guard = guard(Duration.ofSeconds(20), 1.3);

        assertThat(guard.awaitQuiet()).isEqualTo(1.3);
        assertThat(slept).hasSize(4);
        LoadGuard.Verdict verdict = guard.verdict();
        assertThat(verdict.competing()).isTrue();
        assertThat(verdict.text()).startsWith("not a result (load 1.30)").contains("another process");
    }

    @Test
    void aLoadThatRisesDuringTheRunsSpoilsTheWholeComparison() throws InterruptedException {
        LoadGuard guard = guard(Duration.ZERO, 0.3, 0.5, 1.1, 0.4);
        for (int i = 0; i < 4; i++) {
            guard.awaitQuiet();
        }

        assertThat(guard.verdict().readings()).containsExactly(0.3, 0.5, 1.1, 0.4);
        assertThat(guard.verdict().worst()).isEqualTo(1.1);
        assertThat(guard.verdict().competing()).isTrue();
        assertThat(slept).isEmpty();
    }

    @Test
    void noLoadAverageIsSaidNotHidden() throws InterruptedException {
        LoadGuard guard = guard(Duration.ofMinutes(1), Double.NaN);
        guard.awaitQuiet();

        assertThat(guard.verdict().competing()).isFalse();
        assertThat(guard.verdict().text()).contains("not readable");
        assertThat(slept).isEmpty();
    }

    @Test
    void procLoadAverageReadsLinuxOrSaysNaN() {
        double load = LoadGuard.procLoadAverage().oneMinute();
        assertThat(Double.isNaN(load) || load >= 0).isTrue();
    }
}
