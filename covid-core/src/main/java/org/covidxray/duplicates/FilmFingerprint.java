package org.covidxray.duplicates;

import java.util.HexFormat;

/**
 * A 256-bit content fingerprint of an image (see {@link PerceptualHash}); two copies of the same film
 * have fingerprints a small {@link #distance(FilmFingerprint) Hamming distance} apart. Bit 255 is always
 * zero (the hash has 255 bits: 16 x 16 DCT coefficients without the constant one).
 *
 * @param w0 bits 0-63
 * @param w1 bits 64-127
 * @param w2 bits 128-191
 * @param w3 bits 192-255
 */
public record FilmFingerprint(long w0, long w1, long w2, long w3) {
    /** Number of meaningful bits, the largest possible distance. */
    public static final int BITS = 255;

    /** Number of bits in which the two fingerprints differ (0 to {@value #BITS}). */
    public int distance(FilmFingerprint other) {
        return Long.bitCount(w0 ^ other.w0) + Long.bitCount(w1 ^ other.w1) + Long.bitCount(w2 ^ other.w2)
                + Long.bitCount(w3 ^ other.w3);
    }

    /** 64 hex digits, the form {@link #parse(String)} reads (and the fingerprint cache stores). */
    public String hex() {
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits(w0) + hex.toHexDigits(w1) + hex.toHexDigits(w2) + hex.toHexDigits(w3);
    }

    /**
     * Reads {@link #hex()}.
     *
     * @throws IllegalArgumentException when the text is not 64 hex digits
     */
    public static FilmFingerprint parse(String hex) {
        if (hex == null || hex.length() != 64) {
            throw new IllegalArgumentException("A film fingerprint is 64 hex digits, got '" + hex + "'");
        }
        return new FilmFingerprint(HexFormat.fromHexDigitsToLong(hex, 0, 16),
                HexFormat.fromHexDigitsToLong(hex, 16, 32), HexFormat.fromHexDigitsToLong(hex, 32, 48),
                HexFormat.fromHexDigitsToLong(hex, 48, 64));
    }

    @Override
    public String toString() {
        return "FilmFingerprint[" + hex() + "]";
    }
}
