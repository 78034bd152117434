package org.covidxray.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.covidxray.io.AtomicFiles;
import org.covidxray.model.NamedTensor;

/**
 * Writes float32 tensors in Hugging Face's safetensors format: an unsigned little-endian 64-bit header
 * length {@code N}, {@code N} bytes of UTF-8 JSON ({@code {"__metadata__": {string: string}, name: {"dtype":
 * "F32", "shape": [...], "data_offsets": [begin, end]}, ...}}, offsets relative to the end of the header), then
 * the tensors' bytes, little-endian and row-major, back to back in the order given. As the reference
 * implementation does, the header is padded with spaces so that the data starts at a multiple of 8 bytes.
 *
 * <p>Written by hand with Jackson: no Java safetensors library is on Maven Central that this project could
 * use (DJL's {@code NDList} codec needs an engine's arrays and writes no metadata), and the format is this
 * small. The file is written atomically.
 */
public final class SafetensorsWriter {
    static final String METADATA_KEY = "__metadata__";
    static final String FLOAT32 = "F32";

    private SafetensorsWriter() {
    }

    /** Writes {@code tensors} (names unique) and {@code metadata} to {@code file}, atomically. */
    public static void write(Path file, List<NamedTensor> tensors, Map<String, String> metadata) {
        byte[] header = header(tensors, metadata);
        AtomicFiles.write(file, out -> {
            ByteBuffer length = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            out.write(length.putLong(header.length).array());
            out.write(header);
            for (NamedTensor tensor : tensors) {
                ByteBuffer data = ByteBuffer.allocate(tensor.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                data.asFloatBuffer().put(tensor.values());
                out.write(data.array());
            }
        });
    }

    /** The JSON header, padded with spaces so that 8 + its length is a multiple of 8. */
    static byte[] header(List<NamedTensor> tensors, Map<String, String> metadata) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ObjectNode meta = root.putObject(METADATA_KEY);
        metadata.forEach(meta::put);
        Set<String> names = new HashSet<>();
        long offset = 0;
        for (NamedTensor tensor : tensors) {
            if (tensor.name().isEmpty() || tensor.name().equals(METADATA_KEY) || !names.add(tensor.name())) {
                throw new IllegalArgumentException("tensor name '" + tensor.name() + "' is empty, reserved or repeated");
            }
            ObjectNode entry = root.putObject(tensor.name());
            entry.put("dtype", FLOAT32);
            ArrayNode shape = entry.putArray("shape");
            Arrays.stream(tensor.shape()).forEach(shape::add);
            long end = offset + (long) tensor.size() * Float.BYTES;
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        String json;
        try {
            json = mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of strings and numbers always serialises", e);
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        int padded = (bytes.length + Long.BYTES + 7) / 8 * 8 - Long.BYTES;
        byte[] header = Arrays.copyOf(bytes, padded);
        Arrays.fill(header, bytes.length, padded, (byte) ' ');
        return header;
    }
}
