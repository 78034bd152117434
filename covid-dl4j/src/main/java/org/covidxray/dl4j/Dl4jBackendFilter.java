package org.covidxray.dl4j;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * A class loader that delegates everything to its parent but hides the service registration of ND4J's
 * CUDA backend, so that ND4J, which finds its backends with {@link java.util.ServiceLoader} through its own
 * class loader, loads the CPU backend without trying (and loudly failing) the CUDA one again. Installed
 * with {@code ND4JClassLoading.setNd4jClassloader} only when {@link Dl4jGpuProbe} found CUDA unusable.
 */
final class Dl4jBackendFilter extends ClassLoader {
    /** The service file ND4J lists its backends in. */
    static final String BACKENDS = "META-INF/services/org.nd4j.linalg.factory.Nd4jBackend";

    static {
        registerAsParallelCapable();
    }

    Dl4jBackendFilter(ClassLoader parent) {
        super(parent);
    }

    @Override
    public URL getResource(String name) {
        if (!BACKENDS.equals(name)) {
            return super.getResource(name);
        }
        try {
            Enumeration<URL> visible = getResources(name);
            return visible.hasMoreElements() ? visible.nextElement() : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        Enumeration<URL> all = getParent().getResources(name);
        if (!BACKENDS.equals(name)) {
            return all;
        }
        List<URL> kept = Collections.list(all).stream().filter(url -> !registersCuda(url)).toList();
        return Collections.enumeration(kept);
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
}
