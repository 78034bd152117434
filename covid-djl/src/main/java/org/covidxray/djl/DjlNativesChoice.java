package org.covidxray.djl;

import ai.djl.util.cuda.CudaUtils;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.covidxray.engine.GpuStatus;

/**
 * Decides, before DJL loads PyTorch, whether it may load the CUDA natives of a {@code -Pcuda} build or must
 * load the CPU natives beside them. DJL's own choice (the CUDA build when its CUDA check finds a GPU, the CPU
 * build otherwise) would do the same but warns about the jar it skips; deciding here gives the reason in
 * one line and lets {@link DjlNatives#cpuOnly} show DJL only the jar it should load.
 *
 * @param cudaAllowed whether DJL may see the CUDA natives
 * @param status what is known before PyTorch loads: the final status when CUDA is not allowed, empty when
 *               only the loaded engine can tell (the CUDA natives were allowed)
 */
record DjlNativesChoice(boolean cudaAllowed, Optional<GpuStatus> status) {

    /** DJL's CUDA check (through the CUDA runtime library, without loading PyTorch); a fake in tests. */
    interface CudaCheck {
        /** GPUs the CUDA runtime sees (0 when there is no runtime, driver or device). */
        int gpuCount();

        /** The CUDA runtime's version as DJL writes it in flavors ({@code 124} for 12.4). */
        int cudaVersion();

        /** DJL's check ({@code ai.djl.util.cuda.CudaUtils}). */
        static CudaCheck djl() {
            return new CudaCheck() {
                @Override
                public int gpuCount() {
                    return CudaUtils.getGpuCount();
                }

                @Override
                public int cudaVersion() {
                    return Integer.parseInt(CudaUtils.getCudaVersionString());
                }
            };
        }
    }

    /** The choice for these natives jars, asking {@code cuda} only when there are CUDA natives to choose. */
    static DjlNativesChoice decide(List<DjlNatives.Jar> jars, CudaCheck cuda) {
        Optional<DjlNatives.Jar> gpuJar = jars.stream().filter(DjlNatives.Jar::isCuda).findFirst();
        boolean cpuJar = jars.stream().anyMatch(j -> !j.isCuda());
        if (gpuJar.isEmpty()) {
            return new DjlNativesChoice(false, Optional.of(GpuStatus.notBuilt(
                    "the PyTorch natives on the class path are the CPU build (build with -Pcuda for NVIDIA GPUs)")));
        }
        if (!cpuJar) {
            // nothing to fall back to: DJL loads the CUDA natives or reports why it cannot
            return new DjlNativesChoice(true, Optional.empty());
        }
        String natives = "the CUDA natives (" + gpuJar.get().flavor() + ")";
        int gpus;
        int version;
        try {
            gpus = cuda.gpuCount();
            version = gpus > 0 ? cuda.cudaVersion() : 0;
        } catch (RuntimeException | LinkageError e) {
            return new DjlNativesChoice(false, Optional.of(GpuStatus.unusable("checking CUDA failed ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "), so the CPU natives are used")));
        }
        if (gpus <= 0) {
            return new DjlNativesChoice(false, Optional.of(GpuStatus.absent(natives + " are in this build but "
                    + "the CUDA runtime sees no GPU (no NVIDIA driver or device, CUDA_VISIBLE_DEVICES empty, or no "
                    + "libcudart on the library path)")));
        }
        int needed = gpuJar.get().cudaVersion();
        if (version < needed) {
            return new DjlNativesChoice(false, Optional.of(GpuStatus.unusable(String.format(Locale.ROOT,
                    "%s need CUDA %s but the CUDA runtime here is %s (update the NVIDIA driver)", natives,
                    dotted(needed), dotted(version)))));
        }
        return new DjlNativesChoice(true, Optional.empty());
    }

    private static String dotted(int version) {
        return (version / 10) + "." + (version % 10);
    }
}
