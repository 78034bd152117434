package org.covidxray.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceHidingClassLoaderTest {
    @TempDir
    Path dir;

    @Test
    void hidesOnlyTheChosenCopiesOfOneResource() throws IOException {
        Path gpu = folder("gpu");
        Path cpu = folder("cpu");
        try (URLClassLoader both = new URLClassLoader(new URL[] {gpu.toUri().toURL(), cpu.toUri().toURL()}, null)) {
            ClassLoader hiding = new ResourceHidingClassLoader(both, "natives.properties",
                    url -> url.toString().contains("/gpu/"));
            assertThat(Collections.list(hiding.getResources("natives.properties"))).singleElement()
                    .asString().contains("/cpu/");
            assertThat(hiding.getResource("natives.properties").toString()).contains("/cpu/");
            assertThat(Collections.list(hiding.getResources("other.txt"))).hasSize(2);
            assertThat(hiding.getResource("other.txt").toString()).contains("/gpu/");
        }
    }

    @Test
    void aResourceWhoseCopiesAreAllHiddenIsAbsent() throws IOException {
        try (URLClassLoader one = new URLClassLoader(new URL[] {folder("gpu").toUri().toURL()}, null)) {
            ClassLoader hiding = new ResourceHidingClassLoader(one, "natives.properties", url -> true);
            assertThat(hiding.getResource("natives.properties")).isNull();
            assertThat(hiding.getResourceAsStream("natives.properties")).isNull();
        }
    }

    private Path folder(String name) throws IOException {
        Path root = dir.resolve(name);
        Files.createDirectories(root);
        Files.writeString(root.resolve("natives.properties"), "flavor=" + name + "\n");
        Files.writeString(root.resolve("other.txt"), name);
        return root;
    }
}
