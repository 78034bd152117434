package org.covidxray.training;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.covidxray.data.Dataset;
import org.covidxray.engine.Backend;
import org.covidxray.engine.Device;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.model.Architecture;
import org.covidxray.model.TrainingConfig;

/**
 * One training run: what to train, on what, where. Build with {@link #builder()}.
 *
 * @param backend the engine
 * @param device where to run (one of {@code backend.devices()})
 * @param architecture the network; its input size must equal the preprocessing image size
 * @param preprocessing how images become inputs (saved in the model)
 * @param config training settings
 * @param train the training part
 * @param validation the validation part (early stopping, best epoch), or {@code null}
 * @param stopSignal polled between batches; when it returns true training stops and keeps the best
 *     weights so far (the CLI wires Ctrl-C to it)
 * @param cacheBudgetBytes preprocessed images are kept in memory up to this many bytes
 * @param resumeFrom continue after this checkpoint's epoch with its weights and best-so-far, or {@code null}
 *     to start from freshly initialised weights
 * @param checkpointSink receives a checkpoint after every completed epoch (not after one cut short by the
 *     stop signal), or {@code null}; called on the training thread
 * @param checkpointFile where to keep a {@link CheckpointFile}, rewritten after every completed epoch, or
 *     {@code null} for none
 */
public record TrainingRequest(Backend backend, Device device, Architecture architecture,
                              PreprocessingConfig preprocessing, TrainingConfig config, Dataset train,
                              Dataset validation, BooleanSupplier stopSignal, long cacheBudgetBytes,
                              TrainingCheckpoint resumeFrom, Consumer<TrainingCheckpoint> checkpointSink,
                              Path checkpointFile) {

    public TrainingRequest {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(train, "train");
        stopSignal = stopSignal == null ? () -> false : stopSignal;
        if (architecture.inputSize() != preprocessing.imageSize()) {
            throw new IllegalArgumentException("architecture input size " + architecture.inputSize()
                    + " differs from the preprocessing image size " + preprocessing.imageSize());
        }
        if (architecture.channels() != preprocessing.channels()) {
            throw new IllegalArgumentException("architecture expects " + architecture.channels()
                    + " channels, preprocessing gives " + preprocessing.channels());
        }
        if (validation != null && !validation.classNames().equals(train.classNames())) {
            throw new IllegalArgumentException("validation classes " + validation.classNames()
                    + " differ from training classes " + train.classNames());
        }
    }

    /** A request that starts from fresh weights and writes no checkpoints. */
    public TrainingRequest(Backend backend, Device device, Architecture architecture,
                           PreprocessingConfig preprocessing, TrainingConfig config, Dataset train,
                           Dataset validation, BooleanSupplier stopSignal, long cacheBudgetBytes) {
        this(backend, device, architecture, preprocessing, config, train, validation, stopSignal, cacheBudgetBytes,
                null, null, null);
    }

    /**
     * The same run continued after the checkpoint's epoch, with its weights and best-so-far; typically
     * {@code request.withResumeFrom(CheckpointFile.read(file, request))}.
     */
    public TrainingRequest withResumeFrom(TrainingCheckpoint checkpoint) {
        return new TrainingRequest(backend, device, architecture, preprocessing, config, train, validation, stopSignal,
                cacheBudgetBytes, checkpoint, checkpointSink, checkpointFile);
    }

    /**
     * The fingerprint of the training and validation parts together: what the model's provenance records,
     * and what a checkpoint must match to be resumed.
     */
    public String dataFingerprint() {
        return validation == null ? train.fingerprint() : train.merge(validation).fingerprint();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder: {@code setX} for what is required, {@code optX} for what is optional. */
    public static final class Builder {
        private Backend backend;
        private Device device;
        private Architecture architecture;
        private PreprocessingConfig preprocessing;
        private TrainingConfig config = TrainingConfig.builder().build();
        private Dataset train;
        private Dataset validation;
        private BooleanSupplier stopSignal;
        private long cacheBudget = 2L << 30;
        private TrainingCheckpoint resumeFrom;
        private Consumer<TrainingCheckpoint> checkpointSink;
        private Path checkpointFile;

        public Builder setBackend(Backend value) {
            backend = value;
            return this;
        }

        public Builder optDevice(Device value) {
            device = value;
            return this;
        }

        public Builder setArchitecture(Architecture value) {
            architecture = value;
            return this;
        }

        public Builder optPreprocessing(PreprocessingConfig value) {
            preprocessing = value;
            return this;
        }

        public Builder optConfig(TrainingConfig value) {
            config = value;
            return this;
        }

        public Builder setTrain(Dataset value) {
            train = value;
            return this;
        }

        public Builder optValidation(Dataset value) {
            validation = value;
            return this;
        }

        public Builder optStopSignal(BooleanSupplier value) {
            stopSignal = value;
            return this;
        }

        public Builder optCacheBudgetBytes(long value) {
            cacheBudget = value;
            return this;
        }

        public Builder optResumeFrom(TrainingCheckpoint value) {
            resumeFrom = value;
            return this;
        }

        public Builder optCheckpointSink(Consumer<TrainingCheckpoint> value) {
            checkpointSink = value;
            return this;
        }

        public Builder optCheckpointFile(Path value) {
            checkpointFile = value;
            return this;
        }

        public TrainingRequest build() {
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(architecture, "architecture");
            Device d = device != null ? device : backend.devices().get(0);
            PreprocessingConfig p = preprocessing != null ? preprocessing
                    : PreprocessingConfig.defaults(architecture.inputSize());
            return new TrainingRequest(backend, d, architecture, p, config, train, validation, stopSignal, cacheBudget,
                    resumeFrom, checkpointSink, checkpointFile);
        }
    }
}
