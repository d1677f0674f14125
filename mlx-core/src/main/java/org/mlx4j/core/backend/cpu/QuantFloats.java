package org.mlx4j.core.backend.cpu;

/**
 * The small float formats of MLX's quantization: FP8 E4M3 (the OCP "fn" variant: bias 7, no infinities,
 * {@code 0x7F}/{@code 0xFF} NaN, largest finite 448), FP4 E2M1 codes and E8M0 power-of-two scales.
 */
public final class QuantFloats {
    private QuantFloats() {}

    /** The values of the 16 FP4 E2M1 codes (sign in bit 3). */
    public static final float[] FP4 = {
        0.0f, 0.5f, 1.0f, 1.5f, 2.0f, 3.0f, 4.0f, 6.0f,
        -0.0f, -0.5f, -1.0f, -1.5f, -2.0f, -3.0f, -4.0f, -6.0f};

    private static final float[] FP8 = new float[256];

    static {
        for (int b = 0; b < 256; b++) FP8[b] = decodeFp8(b);
    }

    private static float decodeFp8(int b) {
        int e = (b >>> 3) & 0xF, m = b & 7;
        float v;
        if (e == 0) v = m * 0x1p-9f;
        else if (e == 15 && m == 7) v = Float.NaN;
        else v = Math.scalb(1 + m / 8f, e - 7);
        return (b & 0x80) != 0 ? -v : v;
    }

    /** The value of the FP8 E4M3 code {@code b} (its low 8 bits). */
    public static float fromFp8(int b) { return FP8[b & 0xFF]; }

    /**
     * The FP8 E4M3 code nearest {@code x} (ties to even). As MLX's {@code to_fp8}: magnitudes of 464 and
     * above, infinities and NaN saturate to the largest finite value (code {@code 0x7E}), keeping the sign.
     */
    public static int toFp8(float x) {
        int bits = Float.floatToRawIntBits(x);
        int sign = (bits >>> 24) & 0x80;
        float a = Math.abs(x);
        if (!(a < 464f)) return sign | 0x7E;
        if (a < 0x1p-6f) return sign | (int) Math.rint(a * 512.0); // subnormals: multiples of 2^-9 (8 is the least normal)
        int e = Math.getExponent(a);
        double m = Math.rint((a / Math.scalb(1.0, e) - 1) * 8); // exact in double, rounded to even
        if (m == 8) {
            e++;
            m = 0;
        }
        return sign | ((e + 7) << 3) | (int) m;
    }

    /** The value of the E8M0 scale {@code s}: {@code 2^(s - 127)}, with {@code 2^-127} for 0 as MLX reads it. */
    public static float fromE8m0(int s) {
        s &= 0xFF;
        return s == 0 ? 0x1p-127f : Float.intBitsToFloat(s << 23);
    }

    /** {@link #toFp8(float)} of every element of the row-major {@code in} (any float dtype) into the UINT8 {@code out}. */
    static void toFp8(StridedView in, StridedView out) {
        java.lang.foreign.MemorySegment src = in.segment(), dst = out.segment();
        long off = in.offset(), outOff = out.byteOffset();
        org.mlx4j.core.DType t = in.dtype();
        Parallel.forRange(in.size(), Parallel.DEFAULT_GRAIN, (i0, i1) -> {
            for (long i = i0; i < i1; i++) {
                float v = (float) ElementAccess.getDouble(src, t, off + i);
                dst.set(java.lang.foreign.ValueLayout.JAVA_BYTE, outOff + i, (byte) toFp8(v));
            }
        });
    }
}
