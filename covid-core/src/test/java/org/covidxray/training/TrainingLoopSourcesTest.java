package org.covidxray.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;
import org.covidxray.engine.Backend;
import org.covidxray.engine.Batch;
import org.covidxray.engine.Device;
import org.covidxray.engine.NetworkSpec;
import org.covidxray.engine.StepResult;
import org.covidxray.engine.TrainableNetwork;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelBundle;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.TrainingConfig;
import org.covidxray.testing.FakeBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Source-adversarial training's contract in the core loop: the spec names the sources, every batch carries them. */
class TrainingLoopSourcesTest {
    @TempDir
    Path dir;

    @Test
    void everyBatchCarriesEachImagesSourceAndTheProgressRisesFromZero() {
        // 12 images; every third is "nih", the rest "kermany": sorted, kermany is source 0 and nih source 1
        Dataset train = withSources(TrainingRuns.train(dir), i -> i % 3 == 0 ? "nih" : "kermany");
        Recording backend = new Recording();
        TrainingConfig config = TrainingConfig.builder().setEpochs(2).optBatchSize(4).optSeed(7)
                .optAdversarialWeight(0.3).build();
        new TrainingLoop(TrainingRuns.request(backend, train, null, 2, 0).optConfig(config).build(), null).run().close();

        assertThat(backend.spec.sourceNames()).containsExactly("kermany", "nih");
        assertThat(backend.spec.config().adversarialWeight()).isEqualTo(0.3);
        assertThat(backend.batches).hasSize(6).allMatch(Batch::hasSources);
        for (int epoch = 0; epoch < 2; epoch++) {
            int nih = 0;
            int images = 0;
            for (Batch b : backend.batches.subList(epoch * 3, epoch * 3 + 3)) {
                for (int s : b.sources()) {
                    assertThat(s).isBetween(0, 1);
                    nih += s;
                }
                images += b.size();
            }
            assertThat(images).isEqualTo(12);
            assertThat(nih).as("epoch %d visits each of the 4 NIH images once", epoch + 1).isEqualTo(4);
        }
        assertThat(backend.progress).containsExactly(0.0, 1 / 6.0, 2 / 6.0, 3 / 6.0, 4 / 6.0, 5 / 6.0);
    }

    @Test
    void theSourceOfEachImageGoesWithItsPixels() {
        // the source follows the label here, so every batch's sources must equal its labels
        Dataset plain = TrainingRuns.train(dir);
        Dataset train = withSources(plain, i -> "source-" + plain.get(i).label());
        Recording backend = new Recording();
        new TrainingLoop(TrainingRuns.request(backend, train, null, 1, 0).build(), null).run().close();
        for (Batch b : backend.batches) {
            assertThat(b.sources()).containsExactly(b.labels());
        }
    }

    @Test
    void adversarialTrainingWithOneSourceIsRefused() {
        Dataset train = withSources(TrainingRuns.train(dir), i -> "only");
        TrainingConfig config = TrainingConfig.builder().setEpochs(1).optBatchSize(4).optAdversarialWeight(0.3).build();
        assertThatThrownBy(() -> new TrainingLoop(TrainingRuns.request(new Recording(), train, null, 1, 0)
                .optConfig(config).build(), null).run())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least two sources");
    }

    @Test
    void batchesKeepTheirOldConstructorAndCheckTheSourceCount() {
        Batch old = new Batch(new float[4], new int[] {0}, 1, 1, 2, 2);
        assertThat(old.hasSources()).isFalse();
        assertThat(new Batch(new float[8], new int[] {0, 1}, 2, 1, 2, 2, new int[] {1, 0}).sources()).containsExactly(1, 0);
        assertThatThrownBy(() -> new Batch(new float[8], new int[] {0, 1}, 2, 1, 2, 2, new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sources");
    }

    private static Dataset withSources(Dataset plain, java.util.function.IntFunction<String> source) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < plain.size(); i++) {
            Sample s = plain.get(i);
            Map<String, String> attributes = new HashMap<>(s.attributes());
            attributes.put(Sample.SOURCE, source.apply(i));
            samples.add(new Sample(s.id(), s.path(), s.label(), s.patientId(), attributes));
        }
        return new Dataset(plain.name(), plain.classNames(), samples);
    }

    /** The fake engine, writing down the spec, every batch and the progress before every step. */
    private static final class Recording implements Backend {
        private final FakeBackend fake = new FakeBackend();
        final List<Batch> batches = new ArrayList<>();
        final List<Double> progress = new ArrayList<>();
        NetworkSpec spec;

        @Override
        public String name() {
            return fake.name();
        }

        @Override
        public int rank() {
            return fake.rank();
        }

        @Override
        public String engineVersion() {
            return fake.engineVersion();
        }

        @Override
        public Optional<String> unavailableReason() {
            return Optional.empty();
        }

        @Override
        public List<Device> devices() {
            return fake.devices();
        }

        @Override
        public TrainableNetwork createNetwork(NetworkSpec networkSpec) {
            spec = networkSpec;
            TrainableNetwork network = fake.createNetwork(networkSpec);
            return new TrainableNetwork() {
                @Override
                public StepResult trainStep(Batch batch) {
                    batches.add(batch);
                    return network.trainStep(batch);
                }

                @Override
                public void setTrainingProgress(double value) {
                    progress.add(value);
                }

                @Override
                public float[][] predict(Batch batch) {
                    return network.predict(batch);
                }

                @Override
                public void setLearningRate(double learningRate) {
                    network.setLearningRate(learningRate);
                }

                @Override
                public byte[] exportWeights() {
                    return network.exportWeights();
                }

                @Override
                public void importWeights(byte[] weights) {
                    network.importWeights(weights);
                }

                @Override
                public String weightsFormat() {
                    return network.weightsFormat();
                }

                @Override
                public long trainableParameterCount() {
                    return network.trainableParameterCount();
                }

                @Override
                public Classifier toClassifier(ModelManifest manifest) {
                    return network.toClassifier(manifest);
                }

                @Override
                public void close() {
                    network.close();
                }
            };
        }

        @Override
        public Classifier load(ModelBundle bundle, Device device) {
            return fake.load(bundle, device);
        }
    }
}
