package org.covidxray.engine;

/**
 * Answers, for one engine, whether a GPU is present and usable here and if not, why. Engines implement it
 * with their own checks ({@code DjlGpuProbe}, {@code Dl4jGpuProbe}); {@link DeviceSelector} turns the answer
 * and what the user asked for into a device. A probe may load the engine's natives but must never fail:
 * every problem is a {@link GpuStatus} with its reason.
 */
@FunctionalInterface
public interface DeviceProbe {

    /** The GPU status, detected once per JVM by real probes (cheap to call again). */
    GpuStatus gpuStatus();
}
