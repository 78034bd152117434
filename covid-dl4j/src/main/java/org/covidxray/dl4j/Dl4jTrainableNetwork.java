package org.covidxray.dl4j;

import java.io.IOException;
import java.util.List;
import org.covidxray.engine.Batch;
import org.covidxray.engine.NetworkSpec;
import org.covidxray.engine.StepResult;
import org.covidxray.engine.TrainableNetwork;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelFormatException;
import org.covidxray.model.ModelManifest;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DL4J network during training: a {@link MultiLayerNetwork} fitted one batch at a time. Not
 * thread-safe (the core training loop drives it from one thread).
 *
 * <p>The correct count of a step is taken from the forward pass of that step (batch-norm batch
 * statistics, weights before the update) but without dropout: DL4J does not expose the output layer's
 * training-mode activations, so the listener recomputes the tiny dense layer from its input.
 */
final class Dl4jTrainableNetwork implements TrainableNetwork {
    private final NetworkSpec spec;
    private final MultiLayerNetwork network;
    private final CorrectCounter counter = new CorrectCounter();

    Dl4jTrainableNetwork(NetworkSpec spec) {
        Dl4jEnvironment.ensureInitialised();
        this.spec = spec;
        this.network = Dl4jNetworkBuilder.build(spec.architecture(), spec.numClasses(), spec.config(),
                spec.classWeights());
        network.setListeners(counter);
    }

    /** The DL4J network itself (for benchmarks and tests in this module). */
    MultiLayerNetwork network() {
        return network;
    }

    @Override
    public StepResult trainStep(Batch batch) {
        INDArray features = Dl4jTensors.features(batch);
        INDArray labels = Dl4jTensors.labels(batch, spec.numClasses(), spec.classWeights());
        double regularization = spec.config().weightDecay() > 0 ? network.calcRegularizationScore(true) : 0;
        counter.labels = batch.labels();
        counter.correct = 0;
        network.fit(features, labels);
        features.close();
        labels.close();
        return new StepResult(network.score() - regularization, counter.correct);
    }

    @Override
    public float[][] predict(Batch batch) {
        INDArray features = Dl4jTensors.features(batch);
        INDArray output = network.output(features, false);
        float[][] rows = Dl4jTensors.rows(output);
        features.close();
        output.close();
        return rows;
    }

    @Override
    public void setLearningRate(double learningRate) {
        network.setLearningRate(learningRate);
    }

    @Override
    public byte[] exportWeights() {
        return Dl4jWeights.write(network);
    }

    @Override
    public void importWeights(byte[] weights) {
        MultiLayerNetwork restored;
        try {
            restored = Dl4jWeights.read(weights);
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException("These are not " + Dl4jWeights.FORMAT + " weights: " + e.getMessage(), e);
        }
        if (restored.numParams() != network.numParams()) {
            throw new ModelFormatException("The weights hold " + restored.numParams() + " parameters; this network has "
                    + network.numParams());
        }
        network.setParams(restored.params());
        restored.close();
    }

    @Override
    public String weightsFormat() {
        return Dl4jWeights.FORMAT;
    }

    @Override
    public long trainableParameterCount() {
        return Dl4jNetworkBuilder.trainableParameterCount(network);
    }

    @Override
    public Classifier toClassifier(ModelManifest manifest) {
        byte[] weights = Dl4jWeights.write(network);
        try {
            return new Dl4jClassifier(manifest, Dl4jWeights.read(weights), weights);
        } catch (IOException e) {
            throw new IllegalStateException("Could not copy the trained DL4J network: " + e.getMessage(), e);
        }
    }

    /**
     * Closes the network and frees the calling thread's ND4J workspaces, where DL4J keeps the last
     * step's activations and gradients (1.2 GB at 224 px, batch 32) until the thread ends. Call it on
     * the thread that trained; networks still in use on that thread simply allocate theirs again.
     */
    @Override
    public void close() {
        network.close();
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
    }

    /** Counts arg-max hits from the input of the output layer during the training forward pass. */
    private final class CorrectCounter extends BaseTrainingListener {
        private int[] labels;
        private int correct;

        @Override
        public void onForwardPass(Model model, List<INDArray> activations) {
            if (labels == null || activations.isEmpty()) {
                return;
            }
            INDArray pooled = activations.get(activations.size() - 1);
            var output = network.getOutputLayer();
            INDArray logits = pooled.mmul(output.getParam("W")).addiRowVector(output.getParam("b"));
            long[] argMax = logits.argMax(1).toLongVector();
            int hits = 0;
            for (int i = 0; i < labels.length && i < argMax.length; i++) {
                if (argMax[i] == labels[i]) {
                    hits++;
                }
            }
            correct = hits;
            labels = null;
        }
    }
}
