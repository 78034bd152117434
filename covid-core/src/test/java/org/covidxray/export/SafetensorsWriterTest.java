package org.covidxray.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.covidxray.model.NamedTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bytes of a safetensors file as the format defines them, and reading them back. */
class SafetensorsWriterTest {
    private static final NamedTensor KERNEL = new NamedTensor("a.weight", new int[] {2, 1, 1, 1},
            new float[] {1.5f, -2f});
    private static final NamedTensor BIAS = new NamedTensor("a.bias", new int[] {3}, new float[] {0.25f, 0f, 7f});

    @TempDir
    Path dir;

    @Test
    void headerLengthOffsetsAndLittleEndianData() throws Exception {
        Path file = dir.resolve("t.safetensors");
        SafetensorsWriter.write(file, List.of(KERNEL, BIAS), Map.of("classNames", "[\"a\",\"b\"]"));
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buffer.getLong(0);
        assertThat((8 + n) % 8).as("data aligned to 8 bytes").isZero();
        assertThat(bytes.length).isEqualTo(8 + n + 5 * 4);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertThat(header).startsWith("{");
        assertThat(header.substring(header.lastIndexOf('}') + 1)).matches(" *");

        JsonNode root = new ObjectMapper().readTree(header);
        Iterator<String> keys = root.fieldNames();
        assertThat(keys.next()).isEqualTo("__metadata__");
        assertThat(root.get("__metadata__").get("classNames").asText()).isEqualTo("[\"a\",\"b\"]");
        assertThat(root.get("a.weight").toString())
                .isEqualTo("{\"dtype\":\"F32\",\"shape\":[2,1,1,1],\"data_offsets\":[0,8]}");
        assertThat(root.get("a.bias").toString())
                .isEqualTo("{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[8,20]}");

        int data = 8 + (int) n;
        // 1.5f is 0x3FC00000: little-endian puts the low byte first
        assertThat(Arrays.copyOfRange(bytes, data, data + 4)).containsExactly(0, 0, (byte) 0xC0, 0x3F);
        assertThat(buffer.getFloat(data + 4)).isEqualTo(-2f);
        assertThat(buffer.getFloat(data + 8 + 8)).isEqualTo(7f);
    }

    @Test
    void readsBackWhatItWrote() {
        Path file = dir.resolve("t.safetensors");
        SafetensorsWriter.write(file, List.of(KERNEL, BIAS), Map.of("k", "v"));
        SafetensorsFile read = SafetensorsFile.read(file);
        assertThat(read.tensors()).containsExactly(KERNEL, BIAS);
        assertThat(read.metadata()).containsExactly(Map.entry("k", "v"));
        assertThat(read.tensor("a.bias")).contains(BIAS);
    }

    @Test
    void repeatedOrReservedNamesAreRefused() {
        assertThatThrownBy(() -> SafetensorsWriter.write(dir.resolve("x"), List.of(BIAS, BIAS), Map.of()))
                .hasMessageContaining("a.bias");
        NamedTensor reserved = new NamedTensor("__metadata__", new int[] {1}, new float[] {1});
        assertThatThrownBy(() -> SafetensorsWriter.write(dir.resolve("x"), List.of(reserved), Map.of()))
                .hasMessageContaining("reserved");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void truncatedOrForeignFilesAreRefusedWithTheirName() throws Exception {
        Path good = dir.resolve("good.safetensors");
        SafetensorsWriter.write(good, List.of(KERNEL, BIAS), Map.of());
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 4));
        assertThatThrownBy(() -> SafetensorsFile.read(truncated)).isInstanceOf(SafetensorsException.class)
                .hasMessageContaining("truncated.safetensors").hasMessageContaining("cover");

        Path zip = dir.resolve("model.zip");
        Files.write(zip, new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0});
        assertThatThrownBy(() -> SafetensorsFile.read(zip)).isInstanceOf(SafetensorsException.class)
                .hasMessageContaining("model.zip").hasMessageContaining("not a safetensors file");

        String f16 = "{\"x\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]}}";
        ByteBuffer half = ByteBuffer.allocate(8 + f16.length() + 2).order(ByteOrder.LITTLE_ENDIAN);
        half.putLong(f16.length()).put(f16.getBytes(StandardCharsets.UTF_8));
        Path halfFile = dir.resolve("half.safetensors");
        Files.write(halfFile, half.array());
        assertThatThrownBy(() -> SafetensorsFile.read(halfFile)).hasMessageContaining("'F16'");
    }
}
