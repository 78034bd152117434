package org.covidxray.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.covidxray.examples.common.ExitCodes;
import org.covidxray.examples.model.BundledModel;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.export.SafetensorsExport;
import org.covidxray.export.SafetensorsExport.ExportSummary;
import org.covidxray.model.ModelBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code covid export}: a model's named parameters for other tools (safetensors, PyTorch naming and layout). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a model's named parameters (weights, biases, batch-norm statistics) in PyTorch's "
                + "naming and layout, whichever engine trained it, with its architecture, classes, preprocessing "
                + "and decision rule. covid-examples/src/main/python/rebuild_from_safetensors.py turns the file "
                + "into TorchScript and ONNX (docs/engines.md, \"Export to PyTorch\").",
                "Research software, not a diagnostic device."})
public final class ExportCommand implements Callable<Integer> {
    /** The formats {@code --format} accepts. */
    enum Format { SAFETENSORS }

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "safetensors",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", required = true,
            description = "Where to write the file (written atomically).")
    Path out;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL",
            description = "Model bundle (.zip) written by 'covid train' (default: the model bundled in this jar).")
    Path model;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        ModelBundle bundle = model == null ? BundledModel.read() : ModelBundle.read(model);
        ExportSummary summary = SafetensorsExport.write(bundle, out);
        stdout.printf(Locale.ROOT, "Wrote %d tensors (%,d values) of %s (%s, classes %s) to %s (%,d bytes).%n",
                summary.tensors(), summary.values(), model == null ? "the bundled model" : model,
                summary.architecture(), bundle.manifest().classNames(), summary.file(), summary.bytes());
        stdout.println("Rebuild it in PyTorch as TorchScript and ONNX: /usr/bin/python3 "
                + "covid-examples/src/main/python/rebuild_from_safetensors.py " + summary.file() + " --out-dir DIR");
        stdout.println(Disclaimer.TEXT);
        return ExitCodes.OK;
    }
}
