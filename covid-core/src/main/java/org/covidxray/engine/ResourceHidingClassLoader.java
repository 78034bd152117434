package org.covidxray.engine;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A class loader that delegates everything to its parent but hides some copies of one resource. Engines
 * use it to keep a library's native-library discovery from seeing natives the device probe found unusable
 * (DJL's CUDA natives, ND4J's CUDA backend), so that the library loads the CPU natives of the same build
 * quietly instead of failing or warning about the others.
 */
public final class ResourceHidingClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final String resource;
    private final Predicate<URL> hidden;

    /** Hides the copies of {@code resource} (a class-path name) for which {@code hidden} is true. */
    public ResourceHidingClassLoader(ClassLoader parent, String resource, Predicate<URL> hidden) {
        super(Objects.requireNonNull(parent, "parent"));
        this.resource = Objects.requireNonNull(resource, "resource");
        this.hidden = Objects.requireNonNull(hidden, "hidden");
    }

    @Override
    public URL getResource(String name) {
        if (!resource.equals(name)) {
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
        if (!resource.equals(name)) {
            return all;
        }
        return Collections.enumeration(Collections.list(all).stream().filter(hidden.negate()).toList());
    }
}
