package org.covidxray.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Paths;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The settings {@link Dl4jEnvironment} promises are in force once ND4J is loaded. */
class Dl4jEnvironmentTest {

    @Test
    void nd4jRunsWithTheDocumentedSettings() throws Exception {
        String before = System.getProperty(Dl4jEnvironment.CACHE_DIR_PROPERTY);
        Dl4jEnvironment.ensureInitialised();
        String cache = System.getProperty(Dl4jEnvironment.CACHE_DIR_PROPERTY);
        if (before == null) {
            assertThat(cache).isEqualTo(Dl4jEnvironment.defaultCacheDir().toString());
        } else {
            assertThat(cache).as("a user's choice is kept").isEqualTo(before);
        }
        assertThat(Loader.getCacheDir().getCanonicalPath()).isEqualTo(Paths.get(cache).toFile().getCanonicalPath());
        try (var files = Files.walk(Paths.get(cache))) {
            assertThat(files.anyMatch(p -> p.getFileName().toString().startsWith("libnd4jcpu")))
                    .as("natives unpacked into the cache folder").isTrue();
        }
        assertThat(System.getProperty(Dl4jEnvironment.CRASH_DUMP_DIR_PROPERTY)).as("not the working directory")
                .isNotBlank().isNotEqualTo(System.getProperty("user.dir"));
        assertThat(Nd4j.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(Nd4j.create(new float[] {1f, 2f}).dataType()).isEqualTo(DataType.FLOAT);
        assertThat(Nd4j.getEnvironment().maxThreads()).isEqualTo(Dl4jEnvironment.threadCount());
        assertThat(Nd4j.getMemoryManager().isPeriodicGcActive()).isFalse();
    }

    @Test
    void loadFailureNamesTheNativesJar() {
        String reason = Dl4jEnvironment.describe(new UnsatisfiedLinkError("no jnind4jcpu in java.library.path"));
        assertThat(reason).contains("no jnind4jcpu").contains("org.nd4j:nd4j-native:1.0.0-M2.1:linux-x86_64");
    }
}
