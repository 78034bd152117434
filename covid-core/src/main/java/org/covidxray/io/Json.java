package org.covidxray.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one Jackson configuration of the library. Undefined numbers (NaN) are written as JSON
 * {@code null} and read back as NaN, so that "undefined" never turns into 0; unknown properties are
 * ignored so that newer files stay readable.
 */
public final class Json {
    private static final ObjectMapper MAPPER = create();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Could not write JSON for " + value.getClass().getSimpleName(), e);
        }
    }

    private static ObjectMapper create() {
        SimpleModule nan = new SimpleModule("undefined-as-null");
        nan.addSerializer(Double.class, new NanAsNull());
        nan.addSerializer(double.class, new NanAsNull());
        nan.addDeserializer(double.class, new NullAsNan());
        // Jackson writes primitive arrays with its own serializer, which would emit "NaN" strings
        nan.addSerializer(double[].class, new NanArrayAsNulls());
        nan.addDeserializer(double[].class, new NullsAsNanArray());
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(nan)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        return mapper;
    }

    private static final class NullAsNan extends com.fasterxml.jackson.databind.deser.std.StdDeserializer<Double> {
        private static final long serialVersionUID = 1L;

        NullAsNan() {
            super(double.class);
        }

        @Override
        public Double deserialize(com.fasterxml.jackson.core.JsonParser p,
                                  com.fasterxml.jackson.databind.DeserializationContext ctxt) throws IOException {
            return p.getValueAsDouble(Double.NaN);
        }

        @Override
        public Double getNullValue(com.fasterxml.jackson.databind.DeserializationContext ctxt) {
            return Double.NaN;
        }
    }

    private static final class NanArrayAsNulls extends JsonSerializer<double[]> {
        @Override
        public void serialize(double[] values, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeStartArray(values, values.length);
            for (double v : values) {
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    gen.writeNull();
                } else {
                    gen.writeNumber(v);
                }
            }
            gen.writeEndArray();
        }
    }

    private static final class NullsAsNanArray
            extends com.fasterxml.jackson.databind.deser.std.StdDeserializer<double[]> {
        private static final long serialVersionUID = 1L;

        NullsAsNanArray() {
            super(double[].class);
        }

        @Override
        public double[] deserialize(com.fasterxml.jackson.core.JsonParser p,
                                    com.fasterxml.jackson.databind.DeserializationContext ctxt) throws IOException {
            if (!p.isExpectedStartArrayToken()) {
                return (double[]) ctxt.handleUnexpectedToken(double[].class, p);
            }
            java.util.List<Double> values = new java.util.ArrayList<>();
            while (p.nextToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
                values.add(p.currentToken() == com.fasterxml.jackson.core.JsonToken.VALUE_NULL
                        ? Double.NaN : p.getValueAsDouble(Double.NaN));
            }
            return values.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    private static final class NanAsNull extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (value == null || value.isNaN() || value.isInfinite()) {
                gen.writeNull();
            } else {
                gen.writeNumber(value);
            }
        }
    }
}
