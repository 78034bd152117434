package org.covidxray.djl;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.covidxray.Version;
import org.covidxray.engine.Device;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.io.Json;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelBundle;
import org.covidxray.model.ModelFormatException;
import org.covidxray.model.ModelCard;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.Prediction;

/**
 * A user's TorchScript classifier (a {@code .pt} file exported with {@code torch.jit.script} or
 * {@code torch.jit.trace}) served through the {@link Classifier} interface, described by a
 * {@link DjlTorchScriptSidecar}. Its preprocessing is the library's gray [0, 1] image at the
 * sidecar's input size; the sidecar's channels and normalisation are applied here. Saving it writes
 * an ordinary model bundle (weights format {@value #WEIGHTS_FORMAT}) that {@code Models.load} reads.
 *
 * <p>Thread safety: as {@link DjlClassifier}: concurrent {@link #predict(List)} calls are allowed;
 * each uses its own {@link NDManager} and the scripted module in inference mode.
 *
 * <p>Research software, not a diagnostic device.
 */
public final class DjlTorchScriptClassifier implements Classifier {
    /** The weights format of imported TorchScript models in a bundle manifest. */
    public static final String WEIGHTS_FORMAT = "torchscript";
    /** The model card key holding the sidecar. */
    public static final String CARD_KEY = "torchscript";
    private static final int MAX_BATCH = 32;

    private final ModelManifest manifest;
    private final DjlTorchScriptSidecar sidecar;
    private final byte[] script;
    private final Model model;
    private final Block block;

    private DjlTorchScriptClassifier(ModelManifest manifest, DjlTorchScriptSidecar sidecar, byte[] script,
                                     Model model) {
        this.manifest = manifest;
        this.sidecar = sidecar;
        this.script = script;
        this.model = model;
        this.block = model.getBlock();
    }

    /** Loads {@code model.pt} with the sidecar {@code model.json} beside it, on the CPU. */
    public static DjlTorchScriptClassifier load(Path scriptFile) {
        String name = scriptFile.getFileName().toString();
        String base = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        return load(scriptFile, scriptFile.resolveSibling(base + ".json"), Device.cpu());
    }

    /** Loads a TorchScript file described by a sidecar JSON file. */
    public static DjlTorchScriptClassifier load(Path scriptFile, Path sidecarFile, Device device) {
        DjlEnvironment.ensure();
        DjlTorchScriptSidecar sidecar = DjlTorchScriptSidecar.read(sidecarFile);
        byte[] script;
        try {
            script = Files.readAllBytes(scriptFile);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("TorchScript file " + scriptFile + " does not exist.");
        } catch (IOException e) {
            throw new ModelFormatException("Could not read TorchScript file " + scriptFile + ": " + e.getMessage(), e);
        }
        ModelCard card = ModelCard.empty().withIntendedUse("Research and education only; not a diagnostic device.")
                .withLimitations(java.util.List.of(ModelCard.NOT_A_DEVICE))
                .withExtra(CARD_KEY, sidecar.toMap())
                .withExtra("importedFrom", scriptFile.getFileName().toString());
        ModelManifest manifest = new ModelManifest(ModelManifest.CURRENT_FORMAT_VERSION, fingerprint(script),
                DjlBackend.NAME, DjlEngine.version(), WEIGHTS_FORMAT, null, sidecar.classNames(),
                preprocessing(sidecar), null, Version.get(), Instant.now().toString(), card, null);
        return open(manifest, sidecar, script, device, "TorchScript file " + scriptFile);
    }

    /** Loads a bundle that holds an imported TorchScript model. */
    static DjlTorchScriptClassifier fromBundle(ModelBundle bundle, Device device) {
        String where = "Model file " + bundle.source();
        Object stored = bundle.manifest().card().extra().get(CARD_KEY);
        if (stored == null) {
            throw new ModelFormatException(where + " holds TorchScript weights but its manifest card has no '"
                    + CARD_KEY + "' entry describing the input.");
        }
        JsonNode tree = Json.mapper().valueToTree(stored);
        DjlTorchScriptSidecar sidecar = DjlTorchScriptSidecar.fromJson(tree, where + " (card." + CARD_KEY + ")");
        if (!sidecar.classNames().equals(bundle.manifest().classNames())) {
            throw new ModelFormatException(where + ": the manifest lists classes " + bundle.manifest().classNames()
                    + " but its TorchScript description lists " + sidecar.classNames() + ".");
        }
        return open(bundle.manifest(), sidecar, bundle.weights(), device, where);
    }

    private static DjlTorchScriptClassifier open(ModelManifest manifest, DjlTorchScriptSidecar sidecar,
                                                 byte[] script, Device device, String where) {
        Model model = Model.newInstance("torchscript", DjlEngine.toDjl(device), DjlEngine.ENGINE_NAME);
        try {
            try {
                model.load(new ByteArrayInputStream(script), Map.of());
            } catch (MalformedModelException | IOException | RuntimeException e) {
                throw new ModelFormatException(where + " is not a TorchScript module PyTorch "
                        + DjlEngine.get().getVersion() + " can load: " + e.getMessage(), e);
            }
            DjlTorchScriptClassifier classifier = new DjlTorchScriptClassifier(manifest, sidecar, script, model);
            classifier.checkOutputs(where);
            return classifier;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Runs one blank image so that a wrong input size or class count is reported at load time. */
    private void checkOutputs(String where) {
        int size = sidecar.inputSize();
        float[][] out;
        try {
            out = probabilities(List.of(new ImageTensor(new float[size * size], 1, size, size)));
        } catch (RuntimeException e) {
            throw new ModelFormatException(where + " does not accept input [1, " + sidecar.channels() + ", " + size
                    + ", " + size + "] as its sidecar says: " + e.getMessage(), e);
        }
        if (out[0].length != sidecar.classNames().size()) {
            throw new ModelFormatException(where + " outputs " + out[0].length + " values but its sidecar lists "
                    + sidecar.classNames().size() + " classes " + sidecar.classNames() + ".");
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
        int n = images.size();
        int size = sidecar.inputSize();
        int channels = sidecar.channels();
        float[] input = sidecar.normalization().input(images, size);
        return DjlInference.withoutGradients(() -> forward(input, n, channels, size));
    }

    private float[][] forward(float[] input, int n, int channels, int size) {
        try (NDManager call = model.getNDManager().newSubManager()) {
            NDArray x = call.create(input, new Shape(n, channels, size, size));
            NDArray y = block.forward(new ParameterStore(call, false), new NDList(x), false).get(0);
            if (y.getShape().dimension() != 2 || y.getShape().get(0) != n) {
                throw new ModelFormatException("TorchScript model " + manifest.modelId() + " returned shape "
                        + y.getShape() + "; a classifier must return [batch, classes].");
            }
            int classes = (int) y.getShape().get(1);
            NDArray p = sidecar.outputsLogits() ? y.softmax(1) : y;
            return DjlTensors.rows(p.toFloatArray(), n, classes);
        }
    }

    @Override
    public byte[] exportWeights() {
        return script.clone();
    }

    @Override
    public void close() {
        model.close();
    }

    private static PreprocessingConfig preprocessing(DjlTorchScriptSidecar sidecar) {
        // gray values in [0, 1]; the sidecar's own normalisation is applied in probabilities()
        return new PreprocessingConfig(sidecar.inputSize(), false, false, 0f, 1f,
                PreprocessingConfig.DEFAULT_MAX_PIXELS, 0f);
    }

    private static String fingerprint(byte[] bytes) {
        try {
            return "torchscript-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
