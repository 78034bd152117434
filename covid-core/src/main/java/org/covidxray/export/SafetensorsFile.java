package org.covidxray.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.covidxray.model.NamedTensor;

/**
 * A safetensors file read back: its metadata and its float32 tensors in file order. It checks what the
 * format promises (header length within the file, a JSON object, string metadata, offsets that tile the data
 * exactly) and refuses other dtypes, naming the file and the tensor.
 *
 * @param metadata the {@code __metadata__} strings (empty when absent)
 * @param tensors the tensors, in the order of their data
 * @param headerLength {@code N}, the JSON header's length in bytes (padding included)
 */
public record SafetensorsFile(Map<String, String> metadata, List<NamedTensor> tensors, long headerLength) {
    /** The reference implementation's limit on the header, against hostile files. */
    private static final long MAX_HEADER = 100L << 20;

    public SafetensorsFile {
        metadata = Map.copyOf(metadata);
        tensors = List.copyOf(tensors);
    }

    /** The tensor with this name, if any. */
    public Optional<NamedTensor> tensor(String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Reads and checks {@code file}. */
    public static SafetensorsFile read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SafetensorsException("Safetensors file " + file + " does not exist.");
        } catch (IOException e) {
            throw new SafetensorsException("Could not read " + file + ": " + e.getMessage(), e);
        }
        String where = "Safetensors file " + file;
        if (bytes.length < Long.BYTES) {
            throw new SafetensorsException(where + " is shorter than its 8-byte header length.");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buffer.getLong(0);
        if (n < 2 || n > MAX_HEADER || n > bytes.length - Long.BYTES) {
            throw new SafetensorsException(where + " declares a header of " + n + " bytes; the file has "
                    + bytes.length + ". It is not a safetensors file or it is truncated.");
        }
        int dataStart = Long.BYTES + (int) n;
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(new String(bytes, Long.BYTES, (int) n, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SafetensorsException(where + ": the header is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new SafetensorsException(where + ": the header must be a JSON object.");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals(SafetensorsWriter.METADATA_KEY)) {
                field.getValue().fields().forEachRemaining(m -> {
                    if (!m.getValue().isTextual()) {
                        throw new SafetensorsException(where + ": metadata '" + m.getKey() + "' is not a string.");
                    }
                    metadata.put(m.getKey(), m.getValue().asText());
                });
            } else {
                entries.add(Entry.of(field.getKey(), field.getValue(), where));
            }
        }
        entries.sort((a, b) -> Long.compare(a.begin, b.begin));
        long expectedBegin = 0;
        List<NamedTensor> tensors = new ArrayList<>();
        for (Entry e : entries) {
            if (e.begin != expectedBegin || e.end - e.begin != e.size * Float.BYTES) {
                throw new SafetensorsException(where + ": tensor " + e.name + " has data_offsets [" + e.begin + ", "
                        + e.end + "]; expected to start at " + expectedBegin + " and hold " + e.size + " float32 values.");
            }
            expectedBegin = e.end;
        }
        if (expectedBegin != bytes.length - dataStart) {
            throw new SafetensorsException(where + ": the tensors cover " + expectedBegin + " bytes of data but the file "
                    + "has " + (bytes.length - dataStart) + " after the header.");
        }
        for (Entry e : entries) {
            float[] values = new float[(int) e.size];
            ByteBuffer slice = ByteBuffer.wrap(bytes, (int) (dataStart + e.begin), (int) (e.end - e.begin))
                    .slice().order(ByteOrder.LITTLE_ENDIAN);
            slice.asFloatBuffer().get(values);
            tensors.add(new NamedTensor(e.name, e.shape, values));
        }
        return new SafetensorsFile(metadata, tensors, n);
    }

    private record Entry(String name, int[] shape, long size, long begin, long end) {
        static Entry of(String name, JsonNode node, String where) {
            String dtype = node.path("dtype").asText("");
            if (!dtype.equals(SafetensorsWriter.FLOAT32)) {
                throw new SafetensorsException(where + ": tensor " + name + " has dtype '" + dtype
                        + "'; only F32 is read here.");
            }
            JsonNode shapeNode = node.path("shape");
            JsonNode offsets = node.path("data_offsets");
            if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
                throw new SafetensorsException(where + ": tensor " + name + " needs 'shape' and two 'data_offsets'.");
            }
            int[] shape = new int[shapeNode.size()];
            long size = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeNode.get(i).asInt(-1);
                if (shape[i] < 0) {
                    throw new SafetensorsException(where + ": tensor " + name + " has a bad shape " + shapeNode);
                }
                size *= shape[i];
            }
            return new Entry(name, shape, size, offsets.get(0).asLong(-1), offsets.get(1).asLong(-1));
        }
    }
}
