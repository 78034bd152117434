package org.covidxray.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.NetworkParameters;
import org.covidxray.model.Prediction;
import org.covidxray.model.PredictionWithFeatures;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained DL4J network serving predictions.
 *
 * <p>Thread safety rule: a DL4J {@link MultiLayerNetwork} must never run {@code output} on two threads
 * at once (it keeps its input and workspaces in fields). This classifier therefore owns a pool of
 * independent copies of the network (at most {@link #MAX_REPLICAS}, created on demand from a master
 * copy that is never run); each {@link #predict(List)} call borrows one copy for its whole duration and
 * returns it. Concurrent calls beyond the pool size wait for a free copy. {@link #close()} must not run
 * concurrently with {@code predict}.
 *
 * <p>The copies that run have batch norm folded into the convolutions ({@link Dl4jFoldedNetwork}) when the
 * manifest names the architecture; the trained network itself is kept for the parameters and the weights.
 */
public final class Dl4jClassifier implements Classifier {
    /** Network copies kept for concurrent callers; each ND4J op already uses every core. */
    static final int MAX_REPLICAS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    /** Images per forward pass, to bound the memory of one call. */
    private static final int CHUNK = 32;
    /**
     * Images per feature pass: DL4J keeps every layer's activations of a pass until it returns, so fewer
     * images than {@link #CHUNK} keep that memory in the range of one prediction pass.
     */
    private static final int FEATURE_CHUNK = 8;

    private final ModelManifest manifest;
    private final MultiLayerNetwork master;
    /** What the copies are cloned from: {@link #master} with batch norm folded in, or master itself. */
    private final MultiLayerNetwork inference;
    private final byte[] weights;
    private final BlockingQueue<MultiLayerNetwork> idle = new ArrayBlockingQueue<>(MAX_REPLICAS);
    private final List<MultiLayerNetwork> all = new ArrayList<>();

    Dl4jClassifier(ModelManifest manifest, MultiLayerNetwork network, byte[] weights) {
        this.manifest = manifest;
        this.master = network;
        this.weights = weights.clone();
        this.inference = manifest.architecture() == null ? network
                : Dl4jFoldedNetwork.of(Dl4jParameters.of(network, manifest.architecture(), manifest.classNames()));
    }

    @Override
    public ModelManifest manifest() {
        return manifest;
    }

    @Override
    public List<Prediction> predictProbabilities(List<ImageTensor> images) {
        return inChunks(images, CHUNK, (network, input) -> {
            INDArray output = network.output(input, false);
            List<Prediction> out = new ArrayList<>();
            for (float[] row : Dl4jTensors.rows(output)) {
                out.add(Prediction.of(manifest.classNames(), row));
            }
            output.close();
            return out;
        });
    }

    /** What one chunk of images gives, computed on a borrowed network copy. */
    @FunctionalInterface
    private interface ChunkPass<T> {
        List<T> run(MultiLayerNetwork network, INDArray input);
    }

    /**
     * Checks the shapes, borrows a network copy, runs {@code pass} on consecutive chunks of at most
     * {@code chunk} images (each chunk's input freed afterwards) and returns the copy; results in input order.
     */
    private <T> List<T> inChunks(List<ImageTensor> images, int chunk, ChunkPass<T> pass) {
        if (images.isEmpty()) {
            return List.of();
        }
        checkShapes(images);
        MultiLayerNetwork network = borrow();
        try {
            List<T> out = new ArrayList<>(images.size());
            for (int from = 0; from < images.size(); from += chunk) {
                INDArray input = Dl4jTensors.features(images, from, Math.min(images.size(), from + chunk));
                out.addAll(pass.run(network, input));
                if (!input.wasClosed()) { // feedForwardToLayer's activations may hold it, and be closed already
                    input.close();
                }
            }
            return out;
        } finally {
            idle.add(network);
        }
    }

    private void checkShapes(List<ImageTensor> images) {
        PreprocessingConfig pre = manifest.preprocessing();
        for (int i = 0; i < images.size(); i++) {
            ImageTensor t = images.get(i);
            if (t.channels() != pre.channels() || t.height() != pre.imageSize() || t.width() != pre.imageSize()) {
                throw new IllegalArgumentException("image " + i + " is " + t.channels() + "x" + t.height() + "x"
                        + t.width() + "; this model expects " + pre.channels() + "x" + pre.imageSize() + "x"
                        + pre.imageSize() + " (preprocess it with the model's own settings)");
            }
        }
    }

    @Override
    public boolean supportsFeatures() {
        return true;
    }

    /** The output of the global average pooling layer, which the output layer reads (after dropout, off here). */
    @Override
    public List<float[]> features(List<ImageTensor> images) {
        return inChunks(images, FEATURE_CHUNK, (network, input) -> {
            int pooling = Dl4jNetworkBuilder.globalPoolingIndex(network);
            List<INDArray> activations = network.feedForwardToLayer(pooling, input, false);
            List<float[]> out = List.of(Dl4jTensors.rows(activations.get(pooling + 1)));
            // the activations of every layer up to the pooling are detached copies: free them now
            activations.forEach(INDArray::close);
            return out;
        });
    }

    /**
     * One forward pass per chunk: the activations up to the global pooling (the features), then the output
     * layer on them (the probabilities), as {@link MultiLayerNetwork#output} would compute them.
     */
    @Override
    public List<PredictionWithFeatures> predictProbabilitiesWithFeatures(List<ImageTensor> images) {
        return inChunks(images, FEATURE_CHUNK, (network, input) -> {
            int pooling = Dl4jNetworkBuilder.globalPoolingIndex(network);
            int outputIndex = network.getnLayers() - 1;
            if (pooling != outputIndex - 1) {
                throw new IllegalStateException("expected the output layer right after the global pooling, found "
                        + network.getnLayers() + " layers with the pooling at " + pooling);
            }
            InputPreProcessor between = network.getLayerWiseConfigurations().getInputPreProcess(outputIndex);
            List<INDArray> activations = network.feedForwardToLayer(pooling, input, false);
            INDArray pooled = activations.get(pooling + 1);
            LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
            long rows = input.size(0);
            INDArray outputInput = between == null ? pooled : between.preProcess(pooled, (int) rows, noWorkspaces);
            INDArray probabilities = network.getOutputLayer().activate(outputInput, false, noWorkspaces);
            float[][] p = Dl4jTensors.rows(probabilities);
            float[][] f = Dl4jTensors.rows(pooled);
            List<PredictionWithFeatures> out = new ArrayList<>(p.length);
            for (int i = 0; i < p.length; i++) {
                out.add(new PredictionWithFeatures(Prediction.of(manifest.classNames(), p[i]), f[i]));
            }
            probabilities.close();
            activations.forEach(INDArray::close);
            return out;
        });
    }

    private MultiLayerNetwork borrow() {
        MultiLayerNetwork network = idle.poll();
        if (network != null) {
            return network;
        }
        synchronized (all) {
            if (all.size() < MAX_REPLICAS) {
                MultiLayerNetwork copy = inference.clone();
                all.add(copy);
                return copy;
            }
        }
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a free DL4J network copy", e);
        }
    }

    /** How many network copies exist now (for tests). */
    int replicaCount() {
        synchronized (all) {
            return all.size();
        }
    }

    /** From the master copy, which is never run, so this is safe beside concurrent predictions. */
    @Override
    public Optional<NetworkParameters> networkParameters() {
        if (manifest.architecture() == null) {
            return Optional.empty();
        }
        return Optional.of(Dl4jParameters.of(master, manifest.architecture(), manifest.classNames()));
    }

    @Override
    public byte[] exportWeights() {
        return weights.clone();
    }

    @Override
    public void close() {
        synchronized (all) {
            all.forEach(MultiLayerNetwork::close);
            all.clear();
            idle.clear();
        }
        if (inference != master) {
            inference.close();
        }
        master.close();
    }
}
