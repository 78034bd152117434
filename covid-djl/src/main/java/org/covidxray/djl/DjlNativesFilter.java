package org.covidxray.djl;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A class loader that delegates everything to its parent but hides the CUDA natives jars' description
 * ({@value DjlNatives#PROPERTIES}), so that DJL's platform detection, which lists that file through the
 * thread's context class loader, sees only the CPU natives. Installed only while DJL loads PyTorch.
 */
final class DjlNativesFilter extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    DjlNativesFilter(ClassLoader parent) {
        super(parent);
    }

    @Override
    public URL getResource(String name) {
        if (!DjlNatives.PROPERTIES.equals(name)) {
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
        if (!DjlNatives.PROPERTIES.equals(name)) {
            return all;
        }
        List<URL> cpu = Collections.list(all).stream()
                .filter(url -> DjlNatives.describe(url).map(jar -> !jar.isCuda()).orElse(false))
                .toList();
        return Collections.enumeration(cpu);
    }
}
