package org.covidxray.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.covidxray.metrics.Calibration;
import org.covidxray.metrics.ConfusionMatrix;
import org.covidxray.metrics.RocCurve;
import org.covidxray.model.EpochResult;
import org.covidxray.model.TrainingHistory;
import org.junit.jupiter.api.Test;

/** Every chart is a decodable PNG of the requested size with something drawn on it. */
class ChartsTest {

    @Test
    void trainingCurves() throws IOException {
        assertDrawnPng(TrainingCurvesChart.png(ReportFixtures.history(), 640, 480), 640, 480);
    }

    @Test
    void trainingCurvesWithoutValidation() throws IOException {
        TrainingHistory noValidation = new TrainingHistory(List.of(
                new EpochResult(1, 1.0, 0.5, Double.NaN, Double.NaN, Double.NaN, 1e-3, 1, 1),
                new EpochResult(2, 0.8, 0.6, Double.NaN, Double.NaN, Double.NaN, 1e-3, 1, 1)), 2, "completed");

        assertDrawnPng(TrainingCurvesChart.png(noValidation, 300, 200), 300, 200);
    }

    @Test
    void rocCurves() throws IOException {
        EvaluationReport r = ReportFixtures.report();
        assertDrawnPng(RocChart.png(r.labelledRocCurves(), 500, 500), 500, 500);
        assertThat(RocChart.chart(r.labelledRocCurves()).getXYPlot().getDataset().getSeriesKey(2).toString())
                .isEqualTo("covid (AUC " + String.format(java.util.Locale.ROOT, "%.3f",
                        r.oneVsRestAuc().of("covid")) + ")");
    }

    @Test
    void rocOfAbsentClassSaysNa() {
        RocCurve undefined = RocCurve.of(new int[] {0, 0}, new double[] {0.1, 0.2});

        assertThat(RocChart.chart(List.of(new LabelledRocCurve("covid", undefined))).getXYPlot().getDataset()
                .getSeriesKey(0).toString()).isEqualTo("covid (AUC n/a)");
    }

    @Test
    void confusionMatrix() throws IOException {
        ConfusionMatrix m = ConfusionMatrix.ofArgmax(ReportFixtures.LABELS, ReportFixtures.PROBABILITIES);
        assertDrawnPng(ConfusionMatrixChart.png(m, ReportFixtures.CLASSES, 700, 600), 700, 600);
    }

    @Test
    void reliability() throws IOException {
        Calibration c = Calibration.binary(new int[] {0, 1, 1, 0}, new double[] {0.1, 0.8, 0.6, 0.3}, 10);
        assertDrawnPng(ReliabilityChart.png(c, 400, 300), 400, 300);
    }

    @Test
    void refusesUnusableSizesAndInputs() {
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 1}, new int[] {0, 1}, 2);
        assertThatThrownBy(() -> ConfusionMatrixChart.png(m, List.of("a", "b"), 10, 10))
                .isInstanceOf(ReportException.class).hasMessageContaining("10x10");
        assertThatThrownBy(() -> ConfusionMatrixChart.png(m, List.of("a"), 200, 200))
                .isInstanceOf(ReportException.class).hasMessageContaining("1 class names");
        assertThatThrownBy(() -> TrainingCurvesChart.png(new TrainingHistory(List.of(), 0, "stopped by user"), 200, 200))
                .isInstanceOf(ReportException.class).hasMessageContaining("no completed epoch");
    }

    static void assertDrawnPng(byte[] png, int width, int height) throws IOException {
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("decodable PNG").isNotNull();
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < height; y += 3) {
            for (int x = 0; x < width; x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as("distinct colours: not a blank image").isGreaterThan(10);
    }
}
