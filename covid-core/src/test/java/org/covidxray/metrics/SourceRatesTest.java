package org.covidxray.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.covidxray.data.Sample;
import org.junit.jupiter.api.Test;

class SourceRatesTest {
    private static final List<String> CLASSES = List.of("covid", "normal", "pneumonia");

    @Test
    void countsEachSourceSeparately() {
        // cohen: 3 covid (all called covid), 4 non-covid adults (3 called covid); kermany: 5 children, 1 called covid
        List<Sample> samples = new ArrayList<>();
        List<double[]> probabilities = new ArrayList<>();
        add(samples, probabilities, "c1", "covid", "cohen", 0.9);
        add(samples, probabilities, "c2", "covid", "cohen", 0.8);
        add(samples, probabilities, "c3", "covid", "cohen", 0.5);
        add(samples, probabilities, "a1", "normal", "cohen", 0.95);
        add(samples, probabilities, "a2", "pneumonia", "cohen", 0.7);
        add(samples, probabilities, "a3", "pneumonia", "cohen", 0.6);
        add(samples, probabilities, "a4", "normal", "cohen", 0.2);
        add(samples, probabilities, "k1", "normal", "kermany", 0.1);
        add(samples, probabilities, "k2", "normal", "kermany", 0.49);
        add(samples, probabilities, "k3", "pneumonia", "kermany", 0.0);
        add(samples, probabilities, "k4", "pneumonia", "kermany", 0.3);
        add(samples, probabilities, "k5", "pneumonia", "kermany", 0.51);
        List<String> sources = samples.stream().map(s -> s.attribute(Sample.SOURCE)).toList();
        int[] covid = samples.stream().mapToInt(s -> s.label().equals("covid") ? 1 : 0).toArray();
        double[] scores = probabilities.stream().mapToDouble(p -> p[0]).toArray();

        List<SourceRates> rows = SourceRates.of(sources, covid, scores, 0.5);

        assertThat(rows).extracting(SourceRates::source).containsExactly("cohen", "kermany");
        SourceRates cohen = rows.get(0);
        assertThat(cohen.sensitivity().trials()).isEqualTo(3);
        assertThat(cohen.sensitivity().successes()).isEqualTo(3);
        assertThat(cohen.specificity().trials()).isEqualTo(4);
        assertThat(cohen.specificity().successes()).isEqualTo(1);
        assertThat(cohen.specificity().estimate()).isEqualTo(0.25);
        // Wilson 95% for 1 of 4, computed by hand: centre 0.3403, half-width 0.2982
        assertThat(cohen.specificity().interval().lower()).isCloseTo(0.0456, within(1e-3));
        assertThat(cohen.specificity().interval().upper()).isCloseTo(0.6994, within(1e-3));
        // within cohen: covid scores 0.9, 0.8, 0.5 against 0.95, 0.7, 0.6, 0.2: 3 + 3 + 1 of 12 pairs ordered right
        assertThat(cohen.auc()).isCloseTo(7.0 / 12, within(1e-12));
        SourceRates kermany = rows.get(1);
        assertThat(kermany.sensitivity().trials()).isZero();
        assertThat(kermany.sensitivity().estimate()).isNaN();
        assertThat(kermany.specificity().estimate()).isEqualTo(0.8);
        assertThat(kermany.auc()).isNaN();

        SourceRates all = SourceRates.pooled("all", rows);
        assertThat(all.sensitivity().trials()).isEqualTo(3);
        assertThat(all.specificity().trials()).isEqualTo(9);
        assertThat(all.specificity().successes()).isEqualTo(1 + 4);
    }

    private static void add(List<Sample> samples, List<double[]> probabilities, String id, String label,
                            String source, double pCovid) {
        samples.add(new Sample(id, Path.of(id + ".png"), label, source + ":" + id, Map.of(Sample.SOURCE, source)));
        double rest = (1 - pCovid) / 2;
        probabilities.add(new double[] {pCovid, rest, rest});
    }
}
