package org.covidxray.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.covidxray.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The device decision for every request and GPU state, with a fake probe in place of an engine's. */
class DeviceSelectorTest {
    private static final Device GPU0 = new Device(DeviceType.GPU, 0, "GPU 0 (fake)");
    private static final GpuStatus USABLE = GpuStatus.usable(List.of(GPU0), "1 GPU");
    private static final GpuStatus NOT_BUILT = GpuStatus.notBuilt("the natives on the class path are the CPU build");
    private static final GpuStatus ABSENT = GpuStatus.absent("no NVIDIA driver (libcuda.so.1 not found)");
    private static final GpuStatus BROKEN = GpuStatus.unusable("cudaGetDeviceCount failed: CUDA driver version is "
            + "insufficient for CUDA runtime version.");

    @RegisterExtension
    final LogCapture lines = new LogCapture(DeviceSelector.class);

    @Test
    void aUsableGpuIsUsedWhenAskedForOrOnAutoWithoutALine() {
        for (DeviceRequest request : List.of(DeviceRequest.GPU, DeviceRequest.AUTO)) {
            DeviceChoice choice = DeviceSelector.choose("fake", request, () -> USABLE);
            assertThat(choice.device()).isEqualTo(GPU0);
            assertThat(choice.notice()).isEmpty();
        }
    }

    @Test
    void theCpuWhenAskedForEvenWithAUsableGpuAndTheProbeIsNotRun() {
        AtomicInteger probes = new AtomicInteger();
        DeviceChoice choice = DeviceSelector.choose("fake", DeviceRequest.CPU, () -> {
            probes.incrementAndGet();
            return USABLE;
        });
        assertThat(choice.device().type()).isEqualTo(DeviceType.CPU);
        assertThat(choice.notice()).isEmpty();
        assertThat(probes).hasValue(0);
    }

    @Test
    void anAbsentGpuFallsBackToTheCpuWithTheReason() {
        for (DeviceRequest request : List.of(DeviceRequest.GPU, DeviceRequest.AUTO)) {
            DeviceChoice choice = DeviceSelector.choose("fake", request, () -> ABSENT);
            assertThat(choice.device().type()).isEqualTo(DeviceType.CPU);
            assertThat(choice.notice()).hasValue(
                    "fake runs on the CPU, no GPU found: no NVIDIA driver (libcuda.so.1 not found).");
            assertThat(choice.warning()).isFalse();
        }
    }

    @Test
    void anUnusableGpuFallsBackToTheCpuWithAWarningNamingTheCause() {
        DeviceChoice choice = DeviceSelector.choose("fake", DeviceRequest.GPU, () -> BROKEN);
        assertThat(choice.device().type()).isEqualTo(DeviceType.CPU);
        assertThat(choice.notice()).hasValue("fake runs on the CPU, the GPU cannot be used: cudaGetDeviceCount "
                + "failed: CUDA driver version is insufficient for CUDA runtime version.");
        assertThat(choice.warning()).isTrue();
    }

    @Test
    void aCpuOnlyBuildSaysSoOnlyWhenAGpuWasAskedFor() {
        assertThat(DeviceSelector.choose("fake", DeviceRequest.AUTO, () -> NOT_BUILT).notice()).isEmpty();
        DeviceChoice asked = DeviceSelector.choose("fake", DeviceRequest.GPU, () -> NOT_BUILT);
        assertThat(asked.device().type()).isEqualTo(DeviceType.CPU);
        assertThat(asked.notice()).hasValue(
                "fake runs on the CPU, no GPU in this build: the natives on the class path are the CPU build.");
    }

    @Test
    void selectLogsExactlyOneLineAtTheLevelOfTheFallback() {
        Device broken = DeviceSelector.select(backendWith(BROKEN), DeviceRequest.GPU);
        Device absent = DeviceSelector.select(backendWith(ABSENT), DeviceRequest.AUTO);
        Device cpu = DeviceSelector.select(backendWith(ABSENT), DeviceRequest.CPU);
        assertThat(List.of(broken, absent, cpu)).allMatch(d -> d.type() == DeviceType.CPU);
        assertThat(lines.events()).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO);
        assertThat(lines.events().get(0).getFormattedMessage()).contains("cannot be used").contains("insufficient");
        assertThat(lines.events().get(1).getFormattedMessage()).contains("no GPU found").contains("libcuda.so.1");
    }

    @Test
    void requestsParseAndABadOneIsNamed() {
        assertThat(DeviceRequest.parse(" Auto ")).isEqualTo(DeviceRequest.AUTO);
        assertThat(DeviceRequest.parse("gpu:1")).isEqualTo(DeviceRequest.GPU);
        assertThat(DeviceRequest.parse("CUDA")).isEqualTo(DeviceRequest.GPU);
        assertThat(DeviceRequest.parse("cpu")).isEqualTo(DeviceRequest.CPU);
        assertThatThrownBy(() -> DeviceRequest.parse("tpu")).hasMessageContaining("'tpu'").hasMessageContaining("cpu or gpu");
    }

    @Test
    void aStatusListsGpusExactlyWhenUsable() {
        assertThatThrownBy(() -> new GpuStatus(GpuStatus.State.ABSENT, List.of(GPU0), "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GpuStatus.usable(List.of(), "none")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GpuStatus.usable(List.of(Device.cpu()), "cpu")).isInstanceOf(IllegalArgumentException.class);
        assertThat(USABLE.devices()).extracting(Device::type).containsExactly(DeviceType.CPU, DeviceType.GPU);
        assertThat(ABSENT.devices()).extracting(Device::type).containsExactly(DeviceType.CPU);
    }

    @Test
    void theDefaultStatusOfABackendComesFromItsDevices() {
        Backend withGpu = new FakeDevicesBackend(List.of(Device.cpu(), GPU0));
        Backend cpuOnly = new FakeDevicesBackend(List.of(Device.cpu()));
        assertThat(withGpu.gpuStatus().gpus()).containsExactly(GPU0);
        assertThat(cpuOnly.gpuStatus().state()).isEqualTo(GpuStatus.State.NOT_BUILT);
    }

    private static Backend backendWith(GpuStatus status) {
        return new FakeDevicesBackend(List.of(Device.cpu())) {
            @Override
            public GpuStatus gpuStatus() {
                return status;
            }
        };
    }

    /** A backend that only has devices; nothing else is called by the selector. */
    private static class FakeDevicesBackend implements Backend {
        private final List<Device> devices;

        FakeDevicesBackend(List<Device> devices) {
            this.devices = devices;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public int rank() {
            return 0;
        }

        @Override
        public String engineVersion() {
            return "fake";
        }

        @Override
        public java.util.Optional<String> unavailableReason() {
            return java.util.Optional.empty();
        }

        @Override
        public List<Device> devices() {
            return devices;
        }

        @Override
        public TrainableNetwork createNetwork(NetworkSpec spec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public org.covidxray.model.Classifier load(org.covidxray.model.ModelBundle bundle, Device device) {
            throw new UnsupportedOperationException();
        }
    }
}
