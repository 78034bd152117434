package org.covidxray.examples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AnalysisGateTest {

    @Test
    void releasesItsSlotWhenTheWorkFails() {
        AnalysisGate gate = new AnalysisGate(1, 0, Duration.ofSeconds(1));
        assertThatThrownBy(() -> gate.run(() -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(gate.inFlight()).isZero();
        assertThat(gate.run(() -> "next")).isEqualTo("next");
    }

    @Test
    void refusesWorkBeyondSlotsAndQueueWith503() {
        AnalysisGate gate = new AnalysisGate(1, 0, Duration.ofSeconds(1));
        String inner = gate.run(() -> {
            try {
                return gate.run(() -> "should not run");
            } catch (ApiException e) {
                return e.status() + " " + e.error();
            }
        });
        assertThat(inner).isEqualTo("503 server_busy");
        assertThat(gate.inFlight()).isZero();
    }

    @Test
    void aQueuedRequestThatWaitsTooLongGets503() {
        AnalysisGate gate = new AnalysisGate(1, 1, Duration.ofMillis(10));
        String inner = gate.run(() -> {
            try {
                return gate.run(() -> "should not run");
            } catch (ApiException e) {
                return e.status() + " " + e.error();
            }
        });
        assertThat(inner).isEqualTo("503 server_busy");
        assertThat(gate.inFlight()).isZero();
    }
}
