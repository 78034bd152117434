package org.covidxray.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The registry of engines on the class path. The default backend is, in order: the system property
 * {@code covid.backend}, the environment variable {@code COVID_BACKEND}, else the usable backend
 * with the highest rank.
 */
public final class Backends {
    /** System property naming the default backend. */
    public static final String PROPERTY = "covid.backend";
    /** Environment variable naming the default backend. */
    public static final String ENV = "COVID_BACKEND";

    private static volatile List<Backend> cached;

    private Backends() {
    }

    /** Every backend on the class path, usable or not, highest rank first. */
    public static List<Backend> all() {
        List<Backend> result = cached;
        if (result == null) {
            List<Backend> found = new ArrayList<>();
            try {
                for (Backend backend : ServiceLoader.load(Backend.class, Backends.class.getClassLoader())) {
                    found.add(backend);
                }
            } catch (ServiceConfigurationError e) {
                throw new BackendUnavailableException("A backend on the class path could not be instantiated: "
                        + e.getMessage(), e);
            }
            found.sort(Comparator.comparingInt(Backend::rank).reversed().thenComparing(Backend::name));
            result = List.copyOf(found);
            cached = result;
        }
        return result;
    }

    /** The backends that can be used right now. */
    public static List<Backend> available() {
        return all().stream().filter(b -> b.unavailableReason().isEmpty()).toList();
    }

    /** The backend with this name; throws with the list of what is available when it is absent or unusable. */
    public static Backend get(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        Optional<Backend> match = all().stream().filter(b -> b.name().equals(wanted)).findFirst();
        if (match.isEmpty()) {
            throw new BackendUnavailableException("Backend '" + name + "' is not on the class path. " + describe()
                    + " Add the covid-" + wanted + " jar to the class path to use it.");
        }
        Backend backend = match.get();
        backend.unavailableReason().ifPresent(reason -> {
            throw new BackendUnavailableException("Backend '" + wanted + "' is on the class path but cannot be used: "
                    + reason + ". " + describe());
        });
        return backend;
    }

    /** The default backend: system property, environment variable, else the best usable one. */
    public static Backend defaultBackend() {
        String chosen = System.getProperty(PROPERTY);
        if (chosen == null || chosen.isBlank()) {
            chosen = System.getenv(ENV);
        }
        if (chosen != null && !chosen.isBlank()) {
            return get(chosen);
        }
        return available().stream().findFirst().orElseThrow(() ->
                new BackendUnavailableException("No usable backend. " + describe()
                        + " Put covid-djl or covid-dl4j on the class path."));
    }

    /** The best usable backend that can use a device of this type. */
    public static Backend forDevice(DeviceType type) {
        return available().stream()
                .filter(b -> b.devices().stream().anyMatch(d -> d.type() == type))
                .findFirst()
                .orElseThrow(() -> new BackendUnavailableException("No backend can use a "
                        + type.name().toLowerCase(Locale.ROOT) + " here. " + describe()));
    }

    /** The device of this type that a backend offers, or an error saying which ones it has. */
    public static Device device(Backend backend, DeviceType type) {
        return backend.devices().stream().filter(d -> d.type() == type).findFirst().orElseThrow(() ->
                new BackendUnavailableException("Backend '" + backend.name() + "' cannot use a "
                        + type.name().toLowerCase(Locale.ROOT) + " here; it has: " + backend.devices()));
    }

    /** One sentence per backend: name, usable or why not. */
    public static String describe() {
        List<Backend> backends = all();
        if (backends.isEmpty()) {
            return "No backend is on the class path.";
        }
        return "Backends on the class path: " + backends.stream()
                .map(b -> b.name() + b.unavailableReason().map(r -> " (unusable: " + r + ")").orElse(" (usable)"))
                .collect(Collectors.joining(", ")) + ".";
    }
}
