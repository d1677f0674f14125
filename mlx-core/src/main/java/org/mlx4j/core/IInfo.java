package org.mlx4j.core;

import java.math.BigInteger;

/**
 * Limits of an integer type, as {@link Mx#iinfo} gives them. MLX: {@code mx.iinfo}.
 *
 * @param dtype the type described
 * @param bits the number of bits of the type
 * @param min the smallest value
 * @param max the largest value ({@code 2^64 - 1} for UINT64, beyond {@code long})
 */
public record IInfo(DType dtype, int bits, BigInteger min, BigInteger max) {
    static IInfo of(DType t) {
        if (!t.isInteger()) {
            throw new IllegalArgumentException("iinfo: " + t.mlxName() + " is not an integer type (use finfo for floating"
                    + " types); valid: int8, int16, int32, int64, uint8, uint16, uint32, uint64");
        }
        int bits = t.size() * 8;
        if (t.isUnsignedInteger()) return new IInfo(t, bits, BigInteger.ZERO, BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
        return new IInfo(t, bits, BigInteger.ONE.shiftLeft(bits - 1).negate(), BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE));
    }
}
