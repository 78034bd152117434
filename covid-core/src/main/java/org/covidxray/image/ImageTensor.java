package org.covidxray.image;

import java.util.Objects;

/**
 * A preprocessed image: {@code channels * height * width} floats, channels-first, row-major. The
 * array is owned by this object; callers must not modify it after construction (the library never
 * does).
 */
public record ImageTensor(float[] data, int channels, int height, int width) {

    public ImageTensor {
        Objects.requireNonNull(data, "data");
        if ((long) channels * height * width != data.length) {
            throw new IllegalArgumentException("data has " + data.length + " values, expected "
                    + channels + "x" + height + "x" + width);
        }
    }

    /** The value at channel {@code c}, row {@code y}, column {@code x}. */
    public float get(int c, int y, int x) {
        return data[(c * height + y) * width + x];
    }

    public int size() {
        return data.length;
    }
}
