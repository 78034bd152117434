package org.covidxray.onnx;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OrtException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.covidxray.Version;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.io.Json;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelBundle;
import org.covidxray.model.ModelCard;
import org.covidxray.model.ModelFormatException;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.OutputKind;
import org.covidxray.model.Prediction;

/**
 * An ONNX classifier (exported with {@code torch.onnx.export}, tf2onnx, ...) served through the
 * {@link Classifier} interface on ONNX Runtime, described by an {@link OnnxSidecar}: the library's gray
 * [0, 1] image at the sidecar's size and resize mode, copied to the sidecar's channels and normalised here.
 * Its scores are read as the sidecar's output kind says (softmax, logits or multi-label sigmoid), and its
 * decision rule is the sidecar's (per-label thresholds for sigmoid). Saving it writes an ordinary bundle
 * (backend {@value OnnxBackend#NAME}, weights format {@value #WEIGHTS_FORMAT}: the {@code .onnx} bytes) that
 * {@code Models.load} reads when covid-onnx is on the class path.
 *
 * <p>Thread safety: concurrent {@link #predict(List)} calls are allowed (an ONNX Runtime session runs
 * concurrently); each call uses its own {@link NDManager}.
 *
 * <p>Research software, not a diagnostic device: an imported model is only as good as its training, and
 * nothing here validates it clinically.
 */
public final class OnnxClassifier implements Classifier {
    /** The weights format of imported ONNX models in a bundle manifest. */
    public static final String WEIGHTS_FORMAT = "onnx";
    /** The model card key holding the sidecar. */
    public static final String CARD_KEY = "onnx";
    private static final int MAX_BATCH = 32;

    private final ModelManifest manifest;
    private final OnnxSidecar sidecar;
    private final byte[] onnx;
    private final Model model;
    private final Block block;

    private OnnxClassifier(ModelManifest manifest, OnnxSidecar sidecar, byte[] onnx, Model model) {
        this.manifest = manifest;
        this.sidecar = sidecar;
        this.onnx = onnx;
        this.model = model;
        this.block = model.getBlock();
    }

    /** Loads {@code model.onnx} with the sidecar {@code model.json} beside it. */
    public static OnnxClassifier load(Path onnxFile) {
        return load(onnxFile, OnnxSidecar.besides(onnxFile));
    }

    /** Loads an ONNX file described by a sidecar JSON file. */
    public static OnnxClassifier load(Path onnxFile, Path sidecarFile) {
        OnnxEnvironment.ensure();
        OnnxSidecar sidecar = OnnxSidecar.read(sidecarFile);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(onnxFile);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("ONNX file " + onnxFile + " does not exist.");
        } catch (IOException e) {
            throw new ModelFormatException("Could not read ONNX file " + onnxFile + ": " + e.getMessage(), e);
        }
        ModelCard card = ModelCard.empty().withIntendedUse("Research and education only; not a diagnostic device.")
                .withLimitations(List.of(ModelCard.NOT_A_DEVICE))
                .withExtra(CARD_KEY, sidecar.toMap())
                .withExtra("importedFrom", onnxFile.getFileName().toString());
        ModelManifest manifest = new ModelManifest(ModelManifest.CURRENT_FORMAT_VERSION, fingerprint(bytes),
                OnnxBackend.NAME, OnnxEngine.version(), WEIGHTS_FORMAT, null, sidecar.classNames(),
                preprocessing(sidecar), null, Version.get(), Instant.now().toString(), card, sidecar.decisionRule(),
                null, sidecar.output());
        return open(manifest, sidecar, bytes, "ONNX file " + onnxFile + " (sidecar " + sidecarFile + ")");
    }

    /** Loads a bundle that holds an imported ONNX model. */
    static OnnxClassifier fromBundle(ModelBundle bundle) {
        OnnxEnvironment.ensure();
        String where = "Model file " + bundle.source();
        if (!WEIGHTS_FORMAT.equals(bundle.manifest().weightsFormat())) {
            throw new ModelFormatException(where + " has weights format '" + bundle.manifest().weightsFormat()
                    + "'; backend 'onnx' reads only '" + WEIGHTS_FORMAT + "'.");
        }
        Object stored = bundle.manifest().card().extra().get(CARD_KEY);
        if (stored == null) {
            throw new ModelFormatException(where + " holds ONNX weights but its manifest card has no '" + CARD_KEY
                    + "' entry describing the input.");
        }
        JsonNode tree = Json.mapper().valueToTree(stored);
        OnnxSidecar sidecar = OnnxSidecar.fromJson(tree, where + " (card." + CARD_KEY + ")");
        if (!sidecar.classNames().equals(bundle.manifest().classNames())
                || sidecar.output() != bundle.manifest().outputKind()) {
            throw new ModelFormatException(where + ": the manifest lists classes " + bundle.manifest().classNames()
                    + " (output " + bundle.manifest().outputKind().code() + ") but its ONNX description lists "
                    + sidecar.classNames() + " (output " + sidecar.output().code() + ").");
        }
        return open(bundle.manifest(), sidecar, bundle.weights(), where);
    }

    private static OnnxClassifier open(ModelManifest manifest, OnnxSidecar sidecar, byte[] bytes, String where) {
        checkDeclarations(bytes, sidecar, where);
        Model model = Model.newInstance("onnx", ai.djl.Device.cpu(), OnnxEngine.ENGINE_NAME);
        try {
            try {
                model.load(new ByteArrayInputStream(bytes), Map.of());
            } catch (MalformedModelException | IOException | RuntimeException e) {
                throw new ModelFormatException(where + " is not an ONNX model that ONNX Runtime "
                        + OnnxEngine.get().getVersion() + " can load: " + e.getMessage(), e);
            }
            OnnxClassifier classifier = new OnnxClassifier(manifest, sidecar, bytes, model);
            classifier.checkOutputs(where);
            return classifier;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The model's declared input and output against the sidecar, where the model declares fixed sizes. */
    private static void checkDeclarations(byte[] bytes, OnnxSidecar sidecar, String where) {
        OnnxModelInfo info;
        try {
            info = OnnxModelInfo.read(bytes);
        } catch (OrtException | RuntimeException e) {
            throw new ModelFormatException(where + " is not an ONNX model that ONNX Runtime can load: "
                    + e.getMessage(), e);
        }
        if (info.inputs().size() != 1 || info.outputs().size() != 1) {
            throw new ModelFormatException(where + " declares inputs " + info.inputs().stream()
                    .map(OnnxModelInfo.Node::describe).toList() + " and outputs " + info.outputs().stream()
                    .map(OnnxModelInfo.Node::describe).toList() + "; a classifier here has one input [N, channels, "
                    + "inputSize, inputSize] and one output [N, classes]. Export only the scores.");
        }
        OnnxModelInfo.Node input = info.inputs().get(0);
        long[] in = input.shape();
        if (in.length != 4) {
            throw new ModelFormatException(where + " takes input " + input.describe()
                    + "; a classifier here takes [N, channels, inputSize, inputSize].");
        }
        requireDimension(in[1], sidecar.channels(), "channels", input, where);
        requireDimension(in[2], sidecar.inputSize(), "inputSize", input, where);
        requireDimension(in[3], sidecar.inputSize(), "inputSize", input, where);
        OnnxModelInfo.Node output = info.outputs().get(0);
        long[] out = output.shape();
        if (out.length != 2) {
            throw new ModelFormatException(where + " returns output " + output.describe()
                    + "; a classifier here returns [N, classes].");
        }
        if (out[1] > 0 && out[1] != sidecar.classNames().size()) {
            throw new ModelFormatException(where + " outputs " + out[1] + " values per image (" + output.describe()
                    + ") but the sidecar's field 'classNames' lists " + sidecar.classNames().size() + " "
                    + sidecar.classNames() + "; name exactly one class per output, in output order.");
        }
    }

    private static void requireDimension(long declared, int sidecarValue, String field, OnnxModelInfo.Node input,
                                         String where) {
        if (declared > 0 && declared != sidecarValue) {
            throw new ModelFormatException(where + " takes input " + input.describe() + " but the sidecar's field '"
                    + field + "' gives " + sidecarValue + "; set '" + field + "' to " + declared + ".");
        }
    }

    /** Runs one blank image so that a wrong class count or output kind is reported at load time. */
    private void checkOutputs(String where) {
        int size = sidecar.inputSize();
        float[][] out;
        try {
            out = raw(List.of(new ImageTensor(new float[size * size], 1, size, size)));
        } catch (RuntimeException e) {
            throw new ModelFormatException(where + " does not accept input [1, " + sidecar.channels() + ", " + size
                    + ", " + size + "] as its sidecar says: " + e.getMessage(), e);
        }
        if (out[0].length != sidecar.classNames().size()) {
            throw new ModelFormatException(where + " outputs " + out[0].length + " values per image but the sidecar's "
                    + "field 'classNames' lists " + sidecar.classNames().size() + " " + sidecar.classNames()
                    + "; name exactly one class per output, in output order.");
        }
        Prediction blank;
        try {
            blank = Prediction.of(sidecar.output(), sidecar.classNames(), out[0]);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(where + ": the sidecar's field 'output' says '" + sidecar.output().code()
                    + "' but for a blank image " + e.getMessage() + ".", e);
        }
        double sum = java.util.Arrays.stream(blank.probabilities()).sum();
        if (sidecar.output() == OutputKind.SOFTMAX && Math.abs(sum - 1) > 1e-3) {
            throw new ModelFormatException(where + ": the sidecar's field 'output' says 'softmax' but for a blank image "
                    + "the outputs sum to " + sum + ", not 1; declare 'sigmoid' for independent per-label "
                    + "probabilities or 'logits' for unnormalised scores.");
        }
    }

    @Override
    public ModelManifest manifest() {
        return manifest;
    }

    @Override
    public List<Prediction> predictProbabilities(List<ImageTensor> images) {
        List<Prediction> out = new ArrayList<>(images.size());
        for (int from = 0; from < images.size(); from += MAX_BATCH) {
            for (float[] row : raw(images.subList(from, Math.min(images.size(), from + MAX_BATCH)))) {
                out.add(Prediction.of(sidecar.output(), manifest.classNames(), row));
            }
        }
        return out;
    }

    /** The network's raw output rows for preprocessed gray images. */
    private float[][] raw(List<ImageTensor> images) {
        int n = images.size();
        int size = sidecar.inputSize();
        int channels = sidecar.channels();
        float[] input = sidecar.normalization().input(images, size);
        try (NDManager call = model.getNDManager().newSubManager()) {
            NDArray x = call.create(input, new Shape(n, channels, size, size));
            NDArray y = block.forward(new ParameterStore(call, false), new NDList(x), false).get(0);
            Shape shape = y.getShape();
            if (shape.dimension() != 2 || shape.get(0) != n) {
                throw new ModelFormatException("ONNX model " + manifest.modelId() + " returned shape " + shape
                        + " for " + n + " images; a classifier must return [batch, classes].");
            }
            int classes = (int) shape.get(1);
            float[] flat = y.toFloatArray();
            float[][] rows = new float[n][classes];
            for (int r = 0; r < n; r++) {
                System.arraycopy(flat, r * classes, rows[r], 0, classes);
            }
            return rows;
        }
    }

    @Override
    public byte[] exportWeights() {
        return onnx.clone();
    }

    @Override
    public void close() {
        model.close();
    }

    private static PreprocessingConfig preprocessing(OnnxSidecar sidecar) {
        // gray values in [0, 1]; the sidecar's own normalisation is applied in raw()
        return new PreprocessingConfig(sidecar.inputSize(), sidecar.centreCrop(), false, 0f, 1f,
                PreprocessingConfig.DEFAULT_MAX_PIXELS, 0f);
    }

    private static String fingerprint(byte[] bytes) {
        try {
            return "onnx-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
