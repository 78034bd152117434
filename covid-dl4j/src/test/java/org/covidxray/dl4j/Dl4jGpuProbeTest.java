package org.covidxray.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.covidxray.engine.DeviceType;
import org.covidxray.engine.GpuStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a failed ND4J CUDA check means, how the CUDA backend is hidden from ND4J, and the default build's status. */
class Dl4jGpuProbeTest {
    @TempDir
    Path dir;

    @Test
    void noDriverOrNoDeviceIsAnAbsentGpu() {
        UnsatisfiedLinkError noDriver = new UnsatisfiedLinkError("/tmp/javacpp/libjnicudart.so: libcuda.so.1: cannot "
                + "open shared object file: No such file or directory");
        GpuStatus status = Dl4jGpuProbe.classify(new RuntimeException(noDriver));
        assertThat(status.state()).isEqualTo(GpuStatus.State.ABSENT);
        assertThat(status.reason()).contains("no NVIDIA driver or GPU")
                .contains("(UnsatisfiedLinkError: libcuda.so.1: cannot open shared object file").doesNotContain("/tmp");
        assertThat(Dl4jGpuProbe.classify(new RuntimeException("No CUDA devices were found in system")).state())
                .isEqualTo(GpuStatus.State.ABSENT);
    }

    @Test
    void aMissingCudaLibraryOrBrokenDriverIsUnusableAndNamesTheCause() {
        GpuStatus status = Dl4jGpuProbe.classify(new UnsatisfiedLinkError("libcublas.so.11: cannot open shared object"));
        assertThat(status.state()).isEqualTo(GpuStatus.State.UNUSABLE);
        assertThat(status.reason()).contains("libcublas.so.11").contains("CUDA 11.6 runtime");
    }

    @Test
    void theFilterHidesOnlyTheCudaBackendsRegistration() throws IOException {
        Path cpu = services("native", "org.nd4j.linalg.cpu.nativecpu.CpuBackend");
        Path cuda = services("cuda", "# licence header\norg.nd4j.linalg.jcublas.JCublasBackend");
        try (URLClassLoader both = new URLClassLoader(new URL[] {cuda.toUri().toURL(), cpu.toUri().toURL()}, null)) {
            ClassLoader filter = Dl4jGpuProbe.withoutCudaBackend(both);
            assertThat(Collections.list(both.getResources(Dl4jGpuProbe.BACKENDS))).hasSize(2);
            assertThat(Collections.list(filter.getResources(Dl4jGpuProbe.BACKENDS)))
                    .singleElement().asString().contains("native");
            assertThat(filter.getResource(Dl4jGpuProbe.BACKENDS).toString()).contains("native");
            assertThat(Collections.list(filter.getResources("other.txt"))).hasSize(2);
        }
    }

    @Test
    void theDefaultBuildHasNoGpuAndSaysHowToGetOne() throws IOException {
        Dl4jBackend backend = new Dl4jBackend();
        assertThat(backend.unavailableReason()).isEmpty();
        boolean cudaInBuild = Collections.list(getClass().getClassLoader().getResources(Dl4jGpuProbe.BACKENDS))
                .stream().anyMatch(Dl4jGpuProbe::registersCuda);
        GpuStatus status = backend.gpuStatus();
        if (cudaInBuild) {
            assertThat(status.state()).isNotEqualTo(GpuStatus.State.NOT_BUILT);
        } else {
            assertThat(status.state()).isEqualTo(GpuStatus.State.NOT_BUILT);
            assertThat(status.reason()).contains("-Pcuda");
            assertThat(backend.devices()).allMatch(d -> d.type() == DeviceType.CPU);
        }
        assertThat(backend.devices().get(0).type()).isEqualTo(DeviceType.CPU);
    }

    private Path services(String name, String content) throws IOException {
        Path root = dir.resolve(name);
        Path file = root.resolve(Dl4jGpuProbe.BACKENDS);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content + "\n");
        Files.writeString(root.resolve("other.txt"), name);
        return root;
    }
}
