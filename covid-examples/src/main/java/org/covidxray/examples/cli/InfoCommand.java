package org.covidxray.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.covidxray.Version;
import org.covidxray.engine.Backend;
import org.covidxray.engine.Backends;
import org.covidxray.engine.Device;
import org.covidxray.engine.GpuStatus;
import org.covidxray.examples.common.ErrorHandlers;
import org.covidxray.examples.common.ExitCodes;
import org.covidxray.examples.model.BundledModel;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.model.ModelBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code covid info}: the backends on the class path (usable or why not), their devices, and a model card. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Show backends, devices, and the model card of a model.",
                "Research software, not a diagnostic device."})
public final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, paramLabel = "FILE",
            description = "Show this model bundle's card (default: the bundled model's, when there is one).")
    Path model;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Runtime rt = Runtime.getRuntime();
        out.println("covid-xray " + Version.get() + ". " + Disclaimer.TEXT);
        out.println("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                + rt.availableProcessors() + " cores, max heap " + (rt.maxMemory() >> 20) + " MB, "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        out.println("Backends:");
        if (Backends.all().isEmpty()) {
            out.println("  none on the class path (add covid-djl or covid-dl4j)");
        }
        for (Backend b : Backends.all()) {
            String line = String.format("  %-6s %s", b.name(), describe(b));
            out.println(line);
        }
        try {
            out.println("Default backend: " + Backends.defaultBackend().name());
        } catch (RuntimeException e) {
            out.println("Default backend: none (" + ErrorHandlers.oneLine(e.getMessage()) + ")");
        }
        out.println("Bundled model: " + (BundledModel.present() ? "present" : "absent in this build"));
        out.flush();
        if (model != null) {
            ModelCardText.print(ModelBundle.read(model).manifest(), model.toString(), out);
        } else if (BundledModel.present()) {
            ModelCardText.print(BundledModel.read().manifest(), "bundled model", out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Why there is no GPU, on the backend's line; nothing more when one is usable (it is in the devices). */
    static String gpu(GpuStatus status) {
        return switch (status.state()) {
            case USABLE -> "";
            case NOT_BUILT -> "; no GPU in this build: " + status.reason();
            case ABSENT -> "; no GPU: " + status.reason();
            case UNUSABLE -> "; GPU unusable: " + status.reason();
        };
    }

    private static String describe(Backend b) {
        try {
            var reason = b.unavailableReason();
            if (reason.isPresent()) {
                return "unusable: " + reason.get();
            }
            StringBuilder devices = new StringBuilder();
            for (Device d : b.devices()) {
                devices.append(devices.length() == 0 ? "" : ", ").append(d);
            }
            return "usable, " + b.engineVersion() + ", devices: " + devices + gpu(b.gpuStatus());
        } catch (RuntimeException | LinkageError e) {
            return "unusable: " + ErrorHandlers.oneLine(String.valueOf(e.getMessage()));
        }
    }
}
