package org.covidxray.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.covidxray.engine.GpuStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which PyTorch natives DJL may load in a -Pcuda build, decided with a fake CUDA check; no natives load. */
class DjlNativesChoiceTest {
    private static final DjlNatives.Jar CPU = jar("cpu");
    private static final DjlNatives.Jar CU124 = jar("cu124");

    @TempDir
    Path dir;

    @Test
    void aCpuOnlyBuildNeverAsksCuda() {
        DjlNativesChoice choice = DjlNativesChoice.decide(List.of(CPU), failingCheck());
        assertThat(choice.cudaAllowed()).isFalse();
        assertThat(choice.status()).get().extracting(GpuStatus::state).isEqualTo(GpuStatus.State.NOT_BUILT);
    }

    @Test
    void theGpuBuildWithoutAGpuHidesTheCudaNativesAndSaysWhy() {
        DjlNativesChoice choice = DjlNativesChoice.decide(List.of(CPU, CU124), check(0, 0));
        assertThat(choice.cudaAllowed()).isFalse();
        GpuStatus status = choice.status().orElseThrow();
        assertThat(status.state()).isEqualTo(GpuStatus.State.ABSENT);
        assertThat(status.reason()).contains("cu124").contains("sees no GPU");
    }

    @Test
    void aDriverOlderThanTheNativesNeedIsUnusableAndNamesBothVersions() {
        DjlNativesChoice choice = DjlNativesChoice.decide(List.of(CU124, CPU), check(1, 118));
        assertThat(choice.cudaAllowed()).isFalse();
        GpuStatus status = choice.status().orElseThrow();
        assertThat(status.state()).isEqualTo(GpuStatus.State.UNUSABLE);
        assertThat(status.reason()).contains("need CUDA 12.4").contains("here is 11.8");
    }

    @Test
    void aBrokenCudaCheckIsUnusableWithItsErrorAndTheCpuNativesAreUsed() {
        DjlNativesChoice choice = DjlNativesChoice.decide(List.of(CPU, CU124), failingCheck());
        assertThat(choice.cudaAllowed()).isFalse();
        assertThat(choice.status().orElseThrow().reason()).contains("UnsatisfiedLinkError").contains("libcuda.so.1");
    }

    @Test
    void aWorkingGpuLetsDjlLoadTheCudaNativesAndTheEngineDecidesTheRest() {
        DjlNativesChoice choice = DjlNativesChoice.decide(List.of(CPU, CU124), check(2, 126));
        assertThat(choice.cudaAllowed()).isTrue();
        assertThat(choice.status()).isEmpty();
    }

    @Test
    void onlyCudaNativesAreLoadedAsTheyAreBecauseThereIsNothingToFallBackTo() {
        assertThat(DjlNativesChoice.decide(List.of(CU124), check(0, 0)).cudaAllowed()).isTrue();
    }

    @Test
    void theFilterShowsDjlOnlyTheCpuNatives() throws IOException {
        Path cpu = natives("cpu-jar", "cpu");
        Path cuda = natives("cuda-jar", "cu124");
        try (URLClassLoader both = new URLClassLoader(new URL[] {cuda.toUri().toURL(), cpu.toUri().toURL()}, null)) {
            assertThat(DjlNatives.read(both)).extracting(DjlNatives.Jar::flavor).containsExactly("cu124", "cpu");
            ClassLoader filter = DjlNatives.cpuOnly(both);
            assertThat(DjlNatives.read(filter)).extracting(DjlNatives.Jar::flavor).containsExactly("cpu");
            assertThat(filter.getResource(DjlNatives.PROPERTIES).toString()).contains("cpu-jar");
            assertThat(Collections.list(filter.getResources("other.txt"))).hasSize(2);
        }
    }

    private Path natives(String name, String flavor) throws IOException {
        Path root = dir.resolve(name);
        Path properties = root.resolve(DjlNatives.PROPERTIES);
        Files.createDirectories(properties.getParent());
        Files.writeString(properties, "version=2.5.1-20241113\nflavor=" + flavor + "\nclassifier=linux-x86_64\n");
        Files.writeString(root.resolve("other.txt"), name);
        return root;
    }

    private static DjlNatives.Jar jar(String flavor) {
        return new DjlNatives.Jar(flavor, "2.5.1-20241113", "linux-x86_64", null);
    }

    private static DjlNativesChoice.CudaCheck check(int gpus, int version) {
        return new DjlNativesChoice.CudaCheck() {
            @Override
            public int gpuCount() {
                return gpus;
            }

            @Override
            public int cudaVersion() {
                return version;
            }
        };
    }

    private static DjlNativesChoice.CudaCheck failingCheck() {
        return new DjlNativesChoice.CudaCheck() {
            @Override
            public int gpuCount() {
                throw new UnsatisfiedLinkError("libcuda.so.1: cannot open shared object file");
            }

            @Override
            public int cudaVersion() {
                throw new AssertionError("not asked after a failed count");
            }
        };
    }
}
