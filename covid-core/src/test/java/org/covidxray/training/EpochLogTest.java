package org.covidxray.training;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import org.covidxray.model.EpochResult;
import org.covidxray.model.TrainingHistory;
import org.covidxray.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EpochLogTest {
    @RegisterExtension
    final LogCapture lines = new LogCapture(EpochLog.class);

    @Test
    void oneLinePerEpochNamingTheRunAndTheBestEpoch() {
        EpochLog log = new EpochLog("left out: nih");
        log.onTrainingStart(new TrainingPlan("fake", "cpu", 12, 10, 320, 40, 1000));
        log.onEpochEnd(new EpochResult(1, 0.9, 0.5, 0.8, 0.55, Double.NaN, 1e-3, 12.5, 25.6), true);
        log.onEpochEnd(new EpochResult(2, 0.7, 0.6, 0.9, 0.50, 0.61, 1e-3, 12.0, 26.7), false);
        log.onTrainingEnd(new TrainingHistory(List.of(), 1, "finished"));
        assertThat(lines.events()).extracting(ILoggingEvent::getFormattedMessage).satisfiesExactly(
                first -> assertThat(first).startsWith("left out: nih: epoch 1/12: loss 0.9000").contains("AUC NaN")
                        .endsWith("(best so far)"),
                second -> assertThat(second).contains("epoch 2/12").contains("AUC 0.610").doesNotContain("best"),
                end -> assertThat(end).isEqualTo("left out: nih: kept epoch 1 (finished)"));
    }
}
