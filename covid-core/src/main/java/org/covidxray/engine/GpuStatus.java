package org.covidxray.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an engine found out about GPUs on this machine: usable ones, or why there is none.
 *
 * @param state whether this build can use a GPU here, and if not whether that is expected
 * @param gpus the usable GPUs (empty unless {@link State#USABLE})
 * @param reason why no GPU is usable, or what was found; one sentence that names the cause
 */
public record GpuStatus(State state, List<Device> gpus, String reason) {

    /** How far an engine got towards a GPU. */
    public enum State {
        /** This build carries no GPU natives for the engine (the default, CPU-only build). */
        NOT_BUILT,
        /** The GPU natives are there, but no GPU or driver was found. */
        ABSENT,
        /** A GPU or driver was found but the engine could not use it (broken or too old a driver...). */
        UNUSABLE,
        /** At least one GPU works. */
        USABLE
    }

    public GpuStatus {
        Objects.requireNonNull(state, "state");
        gpus = List.copyOf(gpus);
        reason = reason == null ? "" : reason;
        if ((state == State.USABLE) == gpus.isEmpty()) {
            throw new IllegalArgumentException("A GPU status lists GPUs exactly when it is USABLE, not " + state
                    + " with " + gpus);
        }
        if (gpus.stream().anyMatch(d -> d.type() != DeviceType.GPU)) {
            throw new IllegalArgumentException("Only GPUs belong in a GPU status: " + gpus);
        }
    }

    /** The build has no GPU natives for this engine. */
    public static GpuStatus notBuilt(String reason) {
        return new GpuStatus(State.NOT_BUILT, List.of(), reason);
    }

    /** GPU natives present, but no device or driver. */
    public static GpuStatus absent(String reason) {
        return new GpuStatus(State.ABSENT, List.of(), reason);
    }

    /** A GPU was found but cannot be used; {@code reason} names the cause. */
    public static GpuStatus unusable(String reason) {
        return new GpuStatus(State.UNUSABLE, List.of(), reason);
    }

    /** These GPUs work. */
    public static GpuStatus usable(List<Device> gpus, String description) {
        return new GpuStatus(State.USABLE, gpus, description);
    }

    /** What an engine with this status lists in {@link Backend#devices()}: the CPU, then every usable GPU. */
    public List<Device> devices() {
        List<Device> devices = new ArrayList<>();
        devices.add(Device.cpu());
        devices.addAll(gpus);
        return List.copyOf(devices);
    }

    /** True when at least one GPU can be used. */
    public boolean isUsable() {
        return state == State.USABLE;
    }
}
