package org.covidxray.dl4j;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.covidxray.engine.Device;
import org.covidxray.engine.DeviceProbe;
import org.covidxray.engine.DeviceType;
import org.covidxray.engine.GpuStatus;
import org.covidxray.engine.ResourceHidingClassLoader;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.factory.Nd4jBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether DL4J can use a GPU here. ND4J picks one backend per JVM, CUDA before the CPU, when it first loads;
 * so the check runs before that ({@link #beforeNd4jLoads()}): without ND4J's CUDA backend on the class path
 * the build has no GPU; with it, its own check ({@code JCublasBackend.canRun}: the CUDA runtime, the
 * driver, a device, cuBLAS) decides, and when it fails ND4J is shown only its CPU backend
 * ({@link #withoutCudaBackend}), so it loads that quietly and the reason is kept. After ND4J has loaded CUDA,
 * one small computation confirms the GPU. Logs only at DEBUG: {@link org.covidxray.engine.DeviceSelector}
 * gives the user the one line about it.
 */
final class Dl4jGpuProbe implements DeviceProbe {
    static final Dl4jGpuProbe INSTANCE = new Dl4jGpuProbe();
    /** The service file ND4J lists its backends in. */
    static final String BACKENDS = "META-INF/services/org.nd4j.linalg.factory.Nd4jBackend";
    private static final Logger LOG = LoggerFactory.getLogger(Dl4jGpuProbe.class);
    private static volatile boolean checked;
    /** What the check before loading decided, or null when only the loaded ND4J can tell. */
    private static volatile GpuStatus decidedBefore;

    private Dl4jGpuProbe() {
    }

    /**
     * Checks CUDA before ND4J loads (once; {@link Dl4jEnvironment} calls it first) and hides ND4J's CUDA
     * backend when it cannot run.
     */
    static synchronized void beforeNd4jLoads() {
        if (checked) {
            return;
        }
        checked = true;
        Optional<ServiceLoader.Provider<Nd4jBackend>> cuda;
        try {
            cuda = ServiceLoader.load(Nd4jBackend.class, ND4JClassLoading.getNd4jClassloader()).stream()
                    .filter(p -> p.type().getName().contains(".jcublas.")).findFirst();
        } catch (ServiceConfigurationError | LinkageError e) {
            hideCuda(classify(e));
            return;
        }
        if (cuda.isEmpty()) {
            decidedBefore = GpuStatus.notBuilt("ND4J's CUDA backend (nd4j-cuda-11.6) is not in this build "
                    + "(build with -Pcuda and install CUDA 11.6 for NVIDIA GPUs)");
            return;
        }
        Optional<Throwable> failure = canRun(cuda.get());
        LOG.debug("ND4J CUDA check before loading: {}", failure.map(Throwable::toString).orElse("passed"));
        failure.ifPresent(f -> hideCuda(classify(f)));
    }

    private static void hideCuda(GpuStatus why) {
        decidedBefore = why;
        ND4JClassLoading.setNd4jClassloader(withoutCudaBackend(ND4JClassLoading.getNd4jClassloader()));
    }

    /**
     * {@code parent} without the service registration of ND4J's CUDA backend, so that ND4J, which finds its
     * backends with {@link ServiceLoader} through its own class loader, loads the CPU backend without trying
     * (and loudly failing) the CUDA one again.
     */
    static ClassLoader withoutCudaBackend(ClassLoader parent) {
        return new ResourceHidingClassLoader(parent, BACKENDS, Dl4jGpuProbe::registersCuda);
    }

    /** True when a service file names ND4J's CUDA backend ({@code org.nd4j.linalg.jcublas...}). */
    static boolean registersCuda(URL url) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
            return in.lines().map(String::strip).filter(l -> !l.startsWith("#"))
                    .anyMatch(l -> l.toLowerCase(Locale.ROOT).contains(".jcublas."));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public GpuStatus gpuStatus() {
        return Holder.STATUS;
    }

    /**
     * What a failed CUDA check means: no driver, no device or no visible device is an absent GPU (the
     * build runs on the CPU as intended); anything else (a missing CUDA 11.6 library, a broken driver) is an
     * unusable one.
     */
    static GpuStatus classify(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // a failed native load names the JavaCPP cache file first ("/tmp/.../libjnicudart.so: libcuda.so.1: ..."):
        // the library that is missing is what the user needs
        String text = String.valueOf(root.getMessage()).replaceFirst("^/\\S+?\\.(so|dll|dylib)[.0-9]*: ", "");
        String message = root.getClass().getSimpleName() + ": " + text;
        if (text.contains("libcuda.so") || text.contains("nvcuda.dll") || text.contains("No CUDA devices")) {
            return GpuStatus.absent("ND4J's CUDA backend is in this build but found no NVIDIA driver or GPU ("
                    + message + ")");
        }
        return GpuStatus.unusable("ND4J's CUDA 11.6 backend cannot run here (" + message + "); it needs the NVIDIA "
                + "driver and the CUDA 11.6 runtime libraries (cudart, cuBLAS, cuSOLVER, cuDNN 8.3)");
    }

    private static Optional<Throwable> canRun(ServiceLoader.Provider<Nd4jBackend> cuda) {
        try {
            return cuda.get().canRun() ? Optional.empty()
                    : Optional.of(new IllegalStateException("JCublasBackend.canRun() returned false"));
        } catch (Throwable t) { // NOPMD: native loading fails with errors (UnsatisfiedLinkError...), all mean "cannot"
            return Optional.of(t);
        }
    }

    private static GpuStatus detect() {
        Dl4jEnvironment.ensureInitialised();
        GpuStatus before = decidedBefore;
        if (before != null) {
            return before;
        }
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        if (!backend.contains("JCublas")) {
            return GpuStatus.unusable("ND4J's CUDA check passed but ND4J loaded " + backend);
        }
        int count = Nd4j.getAffinityManager().getNumberOfDevices();
        if (count == 0) {
            return GpuStatus.absent("ND4J loaded its CUDA backend but sees no GPU");
        }
        try {
            double sum = Nd4j.ones(4).sumNumber().doubleValue();
            if (sum != 4) {
                return GpuStatus.unusable("GPU 0 computed 1+1+1+1 = " + sum);
            }
        } catch (RuntimeException | LinkageError e) {
            return GpuStatus.unusable("ND4J loaded its CUDA backend but a computation failed: "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        List<Device> gpus = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            gpus.add(new Device(DeviceType.GPU, i, "ND4J CUDA device " + i));
        }
        return GpuStatus.usable(gpus, count + " GPU(s) usable by ND4J's CUDA backend");
    }

    private static final class Holder {
        static final GpuStatus STATUS = detect();
    }
}
