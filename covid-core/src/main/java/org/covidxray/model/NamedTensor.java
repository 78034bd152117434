package org.covidxray.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One named float32 tensor of a network, row-major ("C" order) as PyTorch and safetensors store it.
 * The arrays are copied in and out, so a tensor never changes once made.
 *
 * @param name the parameter's name (PyTorch naming, see {@link NetworkParameters})
 * @param shape outermost dimension first
 * @param values {@code product(shape)} values, the last dimension varying fastest
 */
public record NamedTensor(String name, int[] shape, float[] values) {

    public NamedTensor {
        Objects.requireNonNull(name, "name");
        shape = shape.clone();
        values = values.clone();
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor " + name + " has a negative dimension: " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (size != values.length) {
            throw new IllegalArgumentException("tensor " + name + " of shape " + Arrays.toString(shape) + " needs "
                    + size + " values, has " + values.length);
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    /** Number of values. */
    public int size() {
        return values.length;
    }

    /** Value at a flat (row-major) index, without copying the array. */
    public float value(int index) {
        return values[index];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NamedTensor t && name.equals(t.name) && Arrays.equals(shape, t.shape)
                && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
