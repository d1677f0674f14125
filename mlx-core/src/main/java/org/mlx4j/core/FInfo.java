package org.mlx4j.core;

/**
 * Machine limits of a floating type, as {@link Mx#finfo} gives them. MLX: {@code mx.finfo}.
 *
 * @param dtype the type described
 * @param bits the number of bits of the type
 * @param eps the gap between 1 and the next larger representable number
 * @param min the most negative finite value ({@code -max})
 * @param max the largest finite value
 * @param smallestNormal the smallest positive normal value
 */
public record FInfo(DType dtype, int bits, double eps, double min, double max, double smallestNormal) {
    static FInfo of(DType t) {
        return switch (t) {
            case FLOAT16 -> new FInfo(t, 16, 0x1p-10, -65504.0, 65504.0, 0x1p-14);
            case BFLOAT16 -> new FInfo(t, 16, 0x1p-7, -0x1.fep127, 0x1.fep127, 0x1p-126);
            case FLOAT32, COMPLEX64 -> new FInfo(t, t.size() * 8, Math.ulp(1.0f), -Float.MAX_VALUE, Float.MAX_VALUE, Float.MIN_NORMAL);
            case FLOAT64 -> new FInfo(t, 64, Math.ulp(1.0), -Double.MAX_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL);
            default -> throw new IllegalArgumentException("finfo: " + t.mlxName()
                    + " is not an inexact type (use iinfo for integers); valid: float16, bfloat16, float32, float64, complex64");
        };
    }
}
