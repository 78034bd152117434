package org.covidxray.djl;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.covidxray.engine.ResourceHidingClassLoader;

/**
 * What the {@code pytorch-native-*} jars on the class path say about themselves, read without loading
 * them. The default build has one (the CPU build); the {@code -Pcuda} build has the CPU and the CUDA
 * build side by side, and {@link DjlNativesChoice} decides which one DJL may load ({@link #cpuOnly}).
 */
final class DjlNatives {
    /** Where every natives jar describes itself; DJL's platform detection reads the same file. */
    static final String PROPERTIES = "native/lib/pytorch.properties";
    private static final List<Jar> JARS = read(DjlNatives.class.getClassLoader());

    private DjlNatives() {
    }

    /**
     * One natives jar.
     *
     * @param flavor {@code cpu}, {@code cu124}...
     * @param version the natives' PyTorch version (e.g. {@code 2.5.1-20241113})
     * @param classifier the platform (e.g. {@code linux-x86_64})
     * @param source the jar's properties file
     */
    record Jar(String flavor, String version, String classifier, URL source) {
        boolean isCuda() {
            return flavor.startsWith("cu");
        }

        /** The CUDA version the natives were built for, as DJL writes it ({@code 124} for 12.4), or 0. */
        int cudaVersion() {
            if (!isCuda()) {
                return 0;
            }
            String digits = flavor.substring(2).replaceAll("\\D.*", "");
            return digits.isEmpty() ? 0 : Integer.parseInt(digits);
        }
    }

    /** Every natives jar on the class path, in class-path order. */
    static List<Jar> all() {
        return JARS;
    }

    /** The CPU natives jar's flavor when there is one, else the first jar's, or {@code none}. */
    static String flavor() {
        return JARS.stream().filter(j -> !j.isCuda()).findFirst().or(() -> JARS.stream().findFirst())
                .map(Jar::flavor).orElse("none");
    }

    /** Every flavor on the class path joined with "+", e.g. {@code cpu+cu124}, or {@code none}. */
    static String flavors() {
        return JARS.isEmpty() ? "none" : String.join("+", JARS.stream().map(Jar::flavor).toList());
    }

    /** The natives' PyTorch version (e.g. {@code 2.5.1-20241113}), or {@code unknown}. */
    static String version() {
        return JARS.stream().findFirst().map(Jar::version).orElse("unknown");
    }

    /** The platform classifier of the natives jars (e.g. {@code linux-x86_64}), or {@code none}. */
    static String classifier() {
        return JARS.stream().findFirst().map(Jar::classifier).orElse("none");
    }

    /** The natives jars a class loader sees; an unreadable properties file counts as no jar. */
    static List<Jar> read(ClassLoader loader) {
        List<Jar> jars = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(PROPERTIES))) {
                describe(url).ifPresent(jars::add);
            }
        } catch (IOException e) {
            return List.of();
        }
        return List.copyOf(jars);
    }

    /**
     * {@code parent} with the CUDA natives jars' description hidden, so that DJL's platform detection,
     * which lists that file through the thread's context class loader, sees only the CPU natives.
     */
    static ClassLoader cpuOnly(ClassLoader parent) {
        return new ResourceHidingClassLoader(parent, PROPERTIES, url -> describe(url).map(Jar::isCuda).orElse(true));
    }

    /** The jar a properties file describes, or empty when it cannot be read. */
    static Optional<Jar> describe(URL url) {
        Properties properties = new Properties();
        try (InputStream in = url.openStream()) {
            properties.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(new Jar(properties.getProperty("flavor", "unknown"),
                properties.getProperty("version", "unknown"), properties.getProperty("classifier", "none"), url));
    }
}
