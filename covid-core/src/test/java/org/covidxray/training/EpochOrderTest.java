package org.covidxray.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;
import org.covidxray.io.Json;
import org.covidxray.model.Sampling;
import org.covidxray.model.TrainingConfig;
import org.junit.jupiter.api.Test;

class EpochOrderTest {

    /** covid: 10 from cohen, 90 from mhh; normal: 900 from kermany, 20 from nih. */
    private static Dataset unevenSources() {
        List<Sample> samples = new ArrayList<>();
        add(samples, "covid", "cohen", 10);
        add(samples, "covid", "mhh", 90);
        add(samples, "normal", "kermany", 900);
        add(samples, "normal", "nih", 20);
        return new Dataset("uneven", List.of("covid", "normal"), samples);
    }

    private static void add(List<Sample> samples, String label, String source, int n) {
        for (int i = 0; i < n; i++) {
            String id = source + "-" + label + "-" + i;
            samples.add(new Sample(id, Path.of(id + ".png"), label, id, Map.of(Sample.SOURCE, source)));
        }
    }

    @Test
    void shuffledVisitsEveryImageOnce() {
        Dataset data = unevenSources();
        int[] order = EpochOrder.of(Sampling.SHUFFLED, data).draw(new SplittableRandom(1));
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertThat(sorted[i]).isEqualTo(i);
        }
        assertThat(order).isNotEqualTo(sorted);
    }

    @Test
    void balancedWeightsGiveEveryClassAndEverySourceWithinItTheSameShare() {
        Dataset data = unevenSources();
        double[] w = EpochOrder.weights(data.samples());
        assertThat(Arrays.stream(w).sum()).isCloseTo(1.0, within(1e-12));
        assertThat(share(data, w, "covid", "cohen")).isCloseTo(0.25, within(1e-12));
        assertThat(share(data, w, "covid", "mhh")).isCloseTo(0.25, within(1e-12));
        assertThat(share(data, w, "normal", "kermany")).isCloseTo(0.25, within(1e-12));
        assertThat(share(data, w, "normal", "nih")).isCloseTo(0.25, within(1e-12));
        // within a cell every image weighs the same
        assertThat(w[0]).isEqualTo(w[9]);
        assertThat(w[0]).isCloseTo(0.025, within(1e-12));
    }

    @Test
    void balancedDrawsFollowTheWeightsAndRepeatWithTheSeed() {
        Dataset data = unevenSources();
        EpochOrder order = EpochOrder.of(Sampling.BALANCED_SOURCES, data);
        int[] counts = new int[data.size()];
        int draws = 0;
        for (int epoch = 0; epoch < 40; epoch++) {
            int[] o = order.draw(new SplittableRandom(epoch));
            assertThat(o).hasSize(data.size());
            for (int i : o) {
                counts[i]++;
            }
            draws += o.length;
        }
        int cohen = 0;
        int nih = 0;
        int kermany = 0;
        for (int i = 0; i < data.size(); i++) {
            switch (data.get(i).attribute(Sample.SOURCE)) {
                case "cohen" -> cohen += counts[i];
                case "nih" -> nih += counts[i];
                case "kermany" -> kermany += counts[i];
                default -> { }
            }
        }
        // 10 Cohen images are 1% of the data but a quarter of the draws
        assertThat(cohen / (double) draws).isCloseTo(0.25, within(0.01));
        assertThat(nih / (double) draws).isCloseTo(0.25, within(0.01));
        assertThat(kermany / (double) draws).isCloseTo(0.25, within(0.01));
        assertThat(order.draw(new SplittableRandom(7))).isEqualTo(order.draw(new SplittableRandom(7)));
    }

    @Test
    void aBundleWrittenBeforeSamplingExistedReadsAsShuffled() throws Exception {
        String json = Json.write(TrainingConfig.builder().build()).replaceAll(",\\s*\"sampling\"\\s*:\\s*\"[A-Z_]+\"", "");
        assertThat(json).doesNotContain("sampling");
        assertThat(Json.mapper().readValue(json, TrainingConfig.class).sampling()).isEqualTo(Sampling.SHUFFLED);
        TrainingConfig balanced = TrainingConfig.builder().optSampling(Sampling.BALANCED_SOURCES).build();
        assertThat(Json.mapper().readValue(Json.write(balanced), TrainingConfig.class)).isEqualTo(balanced);
    }

    private static double share(Dataset data, double[] w, String label, String source) {
        double sum = 0;
        for (int i = 0; i < data.size(); i++) {
            Sample s = data.get(i);
            if (s.label().equals(label) && s.attribute(Sample.SOURCE).equals(source)) {
                sum += w[i];
            }
        }
        return sum;
    }
}
