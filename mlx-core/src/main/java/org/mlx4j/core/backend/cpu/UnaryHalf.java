package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.mlx4j.core.DType;
import org.mlx4j.core.graph.UnaryOp;

/**
 * float16 and bfloat16 unary kernels. Sign and class tests work on the bits; everything else widens
 * a block to a float32 scratch, runs {@link UnaryFloat32} on it and rounds back to nearest even.
 */
final class UnaryHalf {
    private UnaryHalf() {}

    private static final int BLOCK = 1024;
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED;

    static void apply(UnaryOp op, DType type, MemorySegment a, long ab, MemorySegment o, long ob, long n) {
        int expBits = type == DType.FLOAT16 ? 0x7c00 : 0x7f80;
        switch (op) {
            case null -> throw new NullPointerException("op"); // a null label makes the compiler check that every case is listed
            case ABS -> { for (long i = 0; i < n; i++) o.set(I16, ob + 2 * i, (short) (a.get(I16, ab + 2 * i) & 0x7fff)); }
            case NEGATIVE -> { for (long i = 0; i < n; i++) o.set(I16, ob + 2 * i, (short) (a.get(I16, ab + 2 * i) ^ 0x8000)); }
            case ISNAN -> { for (long i = 0; i < n; i++) o.set(ValueLayout.JAVA_BYTE, ob + i, bool((a.get(I16, ab + 2 * i) & 0x7fff) > expBits)); }
            case ISINF -> { for (long i = 0; i < n; i++) o.set(ValueLayout.JAVA_BYTE, ob + i, bool((a.get(I16, ab + 2 * i) & 0x7fff) == expBits)); }
            case ISFINITE -> { for (long i = 0; i < n; i++) o.set(ValueLayout.JAVA_BYTE, ob + i, bool((a.get(I16, ab + 2 * i) & 0x7fff) < expBits)); }
            case LOGICAL_NOT -> { for (long i = 0; i < n; i++) o.set(ValueLayout.JAVA_BYTE, ob + i, bool((a.get(I16, ab + 2 * i) & 0x7fff) == 0)); }
            case SIGN, SQRT, RSQRT, SQUARE, RECIPROCAL, EXP, EXPM1, LOG, LOG2, LOG10, LOG1P, SIN, COS, TAN,
                 ARCSIN, ARCCOS, ARCTAN, SINH, COSH, TANH, ARCSINH, ARCCOSH, ARCTANH, FLOOR, CEIL, ROUND, TRUNC,
                 ERF, ERFINV, SIGMOID, BITWISE_INVERT, REAL, IMAG, CONJUGATE -> {
                MemorySegment f = MemorySegment.ofArray(new float[(int) Math.min(BLOCK, n)]);
                for (long b = 0; b < n; b += BLOCK) {
                    long m = Math.min(BLOCK, n - b);
                    CopyConvert.convert(type, a, ab + 2 * b, DType.FLOAT32, f, 0, m);
                    UnaryFloat32.apply(op, f, 0, f, 0, m);
                    CopyConvert.convert(DType.FLOAT32, f, 0, type, o, ob + 2 * b, m);
                }
            }
        }
    }

    private static byte bool(boolean b) { return (byte) (b ? 1 : 0); }
}
