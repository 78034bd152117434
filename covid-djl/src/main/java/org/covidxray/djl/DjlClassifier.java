package org.covidxray.djl;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.covidxray.engine.Device;
import org.covidxray.image.ImageTensor;
import org.covidxray.model.Architecture;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelBundle;
import org.covidxray.model.ModelFormatException;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.NetworkParameters;
import org.covidxray.model.Prediction;
import org.covidxray.model.PredictionWithFeatures;

/**
 * A trained network served for inference with DJL/PyTorch.
 *
 * <p>Thread safety: {@link #predict(List)} may be called from any number of threads at once. The
 * weights are read-only after loading, and every call runs the block directly in inference mode
 * (no DJL {@code Predictor}, which is not thread-safe) with autograd off and with its own
 * {@link NDManager} that is closed before the call returns, so concurrent calls share nothing mutable
 * and leave no native memory behind. {@link #close()} must not run concurrently with predictions.
 *
 * <p>Research software, not a diagnostic device.
 */
public final class DjlClassifier implements Classifier {
    /** Images per forward pass; larger lists are split so memory stays bounded. */
    private static final int MAX_BATCH = 64;

    private final ModelManifest manifest;
    private final Model model;
    /** The trained network: what is saved and exported. */
    private final SequentialBlock block;
    /** Its inference copy with batch norm folded into the convolutions: what predicts. */
    private final SequentialBlock inference;
    private final Architecture architecture;

    private DjlClassifier(ModelManifest manifest, Model model, SequentialBlock block) {
        this.manifest = manifest;
        this.model = model;
        this.block = block;
        this.inference = DjlNetworks.foldBatchNorm(block, manifest.architecture(), manifest.classNames().size(),
                model.getNDManager());
        this.architecture = manifest.architecture();
    }

    /** Loads a bundle written by the DJL backend. */
    static DjlClassifier load(ModelBundle bundle, Device device) {
        if (!DjlWeights.FORMAT.equals(bundle.manifest().weightsFormat())) {
            throw new ModelFormatException("Model file " + bundle.source() + " has weights in format '"
                    + bundle.manifest().weightsFormat() + "'; the DJL backend reads '" + DjlWeights.FORMAT
                    + "' and 'torchscript'.");
        }
        return fromWeights(bundle.manifest(), bundle.weights(), DjlEngine.toDjl(device),
                "Model file " + bundle.source());
    }

    /** Builds the manifest's architecture and loads {@code weights} into it; {@code where} prefixes messages. */
    static DjlClassifier fromWeights(ModelManifest manifest, byte[] weights, ai.djl.Device device, String where) {
        Architecture architecture = manifest.architecture();
        if (architecture == null) {
            throw new ModelFormatException(where + " has no architecture in its manifest; a DJL parameter file "
                    + "cannot be loaded without one.");
        }
        int classes = manifest.classNames().size();
        SequentialBlock block = DjlNetworks.build(architecture, classes);
        Model model = Model.newInstance("covid-" + architecture.name(), device, DjlEngine.ENGINE_NAME);
        try {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, DjlNetworks.inputShape(architecture, 1));
            try {
                DjlWeights.load(block, model.getNDManager(), weights);
            } catch (MalformedModelException | IOException e) {
                throw new ModelFormatException(where + ": the DJL weights are corrupt or do not belong to architecture '"
                        + architecture.name() + "' (" + e.getMessage() + "). Re-save the model or retrain.", e);
            }
            Shape denseWeight = DjlNetworks.dense(block).getParameters().get("weight").getArray().getShape();
            if (denseWeight.get(0) != classes) {
                throw new ModelFormatException(where + ": the weights' output layer has " + denseWeight.get(0)
                        + " classes but the manifest lists " + classes + " " + manifest.classNames()
                        + ". The manifest does not belong to these weights.");
            }
            if (DjlNetworks.trainableParameterCount(block) != architecture.trainableParameterCount(classes)) {
                throw new ModelFormatException(where + ": the weights do not match architecture '"
                        + architecture.name() + "' described in the manifest.");
            }
            return new DjlClassifier(manifest, model, block);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public ModelManifest manifest() {
        return manifest;
    }

    @Override
    public List<Prediction> predictProbabilities(List<ImageTensor> images) {
        return DjlTensors.predictInChunks(images, MAX_BATCH, manifest.classNames(), this::probabilities);
    }

    private float[][] probabilities(List<ImageTensor> images) {
        return onInput(images, (store, input) -> {
            NDList output = inference.forward(store, new NDList(input), false);
            float[] p = output.singletonOrThrow().softmax(1).toFloatArray();
            return DjlTensors.rows(p, images.size(), manifest.classNames().size());
        });
    }

    /** Runs {@code forward} without gradients on the stacked images, in a sub-manager closed afterwards. */
    private <T> T onInput(List<ImageTensor> images, BiFunction<ParameterStore, NDArray, T> forward) {
        int n = images.size();
        int channels = architecture.channels();
        int size = architecture.inputSize();
        float[] flat = DjlTensors.stack(images, channels, size, size);
        return DjlInference.withoutGradients(() -> {
            try (NDManager call = model.getNDManager().newSubManager()) {
                NDArray input = call.create(flat, new Shape(n, channels, size, size));
                return forward.apply(new ParameterStore(call, false), input);
            }
        });
    }

    @Override
    public boolean supportsFeatures() {
        return true;
    }

    @Override
    public List<float[]> features(List<ImageTensor> images) {
        List<float[]> out = new ArrayList<>(images.size());
        for (int from = 0; from < images.size(); from += MAX_BATCH) {
            List<ImageTensor> chunk = images.subList(from, Math.min(images.size(), from + MAX_BATCH));
            out.addAll(Arrays.asList(onInput(chunk, (store, input) -> DjlTensors.rows(
                    DjlNetworks.features(inference, store, input).toFloatArray(), chunk.size(),
                    DjlNetworks.featureLength(architecture)))));
        }
        return out;
    }

    /** One forward pass per chunk: the pooled features, then the dense layer on them for the probabilities. */
    @Override
    public List<PredictionWithFeatures> predictProbabilitiesWithFeatures(List<ImageTensor> images) {
        int classes = manifest.classNames().size();
        int length = DjlNetworks.featureLength(architecture);
        List<PredictionWithFeatures> out = new ArrayList<>(images.size());
        for (int from = 0; from < images.size(); from += MAX_BATCH) {
            List<ImageTensor> chunk = images.subList(from, Math.min(images.size(), from + MAX_BATCH));
            int n = chunk.size();
            PredictionWithFeatures[] scored = onInput(chunk, (store, input) -> {
                NDArray features = DjlNetworks.features(inference, store, input);
                float[] p = DjlNetworks.logitsOfFeatures(inference, store, features).softmax(1).toFloatArray();
                float[][] probabilities = DjlTensors.rows(p, n, classes);
                float[][] vectors = DjlTensors.rows(features.toFloatArray(), n, length);
                PredictionWithFeatures[] both = new PredictionWithFeatures[n];
                for (int i = 0; i < n; i++) {
                    both[i] = new PredictionWithFeatures(Prediction.of(manifest.classNames(), probabilities[i]),
                            vectors[i]);
                }
                return both;
            });
            out.addAll(Arrays.asList(scored));
        }
        return out;
    }

    @Override
    public Optional<NetworkParameters> networkParameters() {
        return Optional.of(DjlNetworks.parameters(block, architecture, manifest.classNames()));
    }

    @Override
    public byte[] exportWeights() {
        return DjlWeights.export(block);
    }

    /** NDArrays alive in this classifier's manager (its parameters, and any leak): for memory checks. */
    int liveArrays() {
        return model.getNDManager().getManagedArrays().size();
    }

    @Override
    public void close() {
        model.close();
    }
}
