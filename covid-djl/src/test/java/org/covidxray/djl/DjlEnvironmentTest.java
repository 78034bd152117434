package org.covidxray.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.util.Utils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.covidxray.engine.DeviceType;
import org.covidxray.engine.GpuStatus;
import org.junit.jupiter.api.Test;

/** DJL runs offline, untracked, and writes only where {@link DjlEnvironment} says. */
class DjlEnvironmentTest {

    @Test
    void settingsAreInForceAfterTheBackendIsUsed() {
        DjlBackend backend = new DjlBackend();
        assertThat(backend.unavailableReason()).isEmpty();
        assertThat(backend.devices()).isNotEmpty();

        assertThat(Utils.isOfflineMode()).as("DJL offline mode").isTrue();
        assertThat(Boolean.parseBoolean(Utils.getEnvOrSystemProperty(DjlEnvironment.OPT_OUT_TRACKING)))
                .as("DJL usage tracking opt-out").isTrue();
        if (System.getenv(DjlEnvironment.DJL_CACHE_DIR) == null) {
            assertThat(Utils.getCacheDir()).isEqualTo(DjlEnvironment.cacheDir());
            assertThat(Utils.getEngineCacheDir()).startsWith(DjlEnvironment.cacheDir());
            assertThat(System.getProperty(DjlEnvironment.JNA_TMPDIR)).startsWith(DjlEnvironment.cacheDir().toString());
        }
    }

    @Test
    void pytorchNativesComeFromTheJarOnTheClassPath() throws IOException {
        Engine engine = DjlEngine.get();
        assertThat(engine.getEngineName()).isEqualTo("PyTorch");
        assertThat(engine.getVersion()).isEqualTo(DjlNatives.version().replaceFirst("-.*", ""));
        assertThat(DjlNatives.flavor()).isEqualTo("cpu");
        // offline mode was on before the engine loaded, so the natives can only have been extracted from
        // the natives jar, into our cache folder
        if (System.getenv(DjlEnvironment.ENGINE_CACHE_DIR) == null) {
            try (Stream<Path> files = Files.walk(Utils.getEngineCacheDir("pytorch"))) {
                List<String> names = files.map(p -> p.getFileName().toString()).toList();
                assertThat(names).contains("libtorch_cpu.so").anyMatch(n -> n.endsWith("libdjl_torch.so"));
            }
        }
        assertThat(Paths.get(System.getProperty("user.home"), ".djl.ai", "pytorch")).doesNotExist();
    }

    @Test
    void theCpuIsAlwaysListedAndAGpuOnlyWithCudaNatives() {
        var devices = new DjlBackend().devices();
        assertThat(devices.get(0).type()).isEqualTo(DeviceType.CPU);
        if (DjlNatives.all().stream().noneMatch(DjlNatives.Jar::isCuda)) {
            assertThat(devices).allMatch(d -> d.type() == DeviceType.CPU);
            assertThat(new DjlBackend().gpuStatus().state()).isEqualTo(GpuStatus.State.NOT_BUILT);
            assertThat(new DjlBackend().gpuStatus().reason()).contains("CPU build").contains("-Pcuda");
        }
    }

    @Test
    void versionNamesBothLibraries() {
        assertThat(new DjlBackend().engineVersion()).startsWith("DJL 0.").contains("PyTorch 2.");
    }
}
