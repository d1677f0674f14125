package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import org.mlx4j.core.DType;
import org.mlx4j.core.graph.BinaryOp;

/**
 * Every integer op on every integer dtype, computed in {@code long}s: blocks of the inputs are widened
 * (sign- or zero-extended) into per-thread long arrays, combined with one plain loop per op, and narrowed
 * back (wrapping, or to 0/1 for predicates) into the output. Used for the ops without vector loops
 * (division, remainder, power); {@link #apply} is also the scalar tail of the vector kernels.
 *
 * <p>Semantics (NumPy's where C leaves it undefined): arithmetic wraps; division and remainder by zero give
 * 0; FLOOR_DIVIDE and REMAINDER round toward negative infinity (the remainder takes the divisor's sign);
 * DIVIDE truncates; POWER is exact repeated squaring (a negative exponent gives 0, except for bases 1 and
 * -1); shifts by a negative count or one of at least the bit width give 0, or -1 for a right shift of a
 * negative signed value; unsigned types compare, divide and shift unsigned.
 */
final class BinaryIntegers implements BinaryContiguous {
    private static final ValueLayout.OfByte I8 = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED;

    private final BinaryOp op;
    private final DType type;
    private final int bits;
    private final boolean unsigned;
    private final DType outType;

    BinaryIntegers(BinaryOp op, DType type) {
        this.op = op;
        this.type = type;
        this.bits = type.size() * 8;
        this.unsigned = type.isUnsignedInteger();
        this.outType = op.producesBool() ? DType.BOOL : type;
    }

    @Override
    public void vv(MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long n) {
        run(a, ai, 1, b, bi, 1, o, oi, n);
    }

    @Override
    public void sv(MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long n) {
        run(a, ai, 0, b, bi, 1, o, oi, n);
    }

    @Override
    public void vs(MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long n) {
        run(a, ai, 1, b, bi, 0, o, oi, n);
    }

    private void run(MemorySegment a, long ai, long as, MemorySegment b, long bi, long bs, MemorySegment o, long oi, long n) {
        BinaryScratch scratch = BinaryScratch.get();
        long[] x = scratch.long0, y = scratch.long1;
        for (long k = 0; k < n; k += BinaryScratch.BLOCK) {
            int len = (int) Math.min(BinaryScratch.BLOCK, n - k);
            widen(type, a, ai + k * as, as, x, len);
            widen(type, b, bi + k * bs, bs, y, len);
            compute(x, y, len);
            narrow(outType, x, len, o, oi + k);
        }
    }

    /** {@code x[k] = op(x[k], y[k])}, with the op's integer semantics ({@link BinaryOp#applyIntegral}). */
    private void compute(long[] x, long[] y, int len) {
        for (int k = 0; k < len; k++) x[k] = op.applyIntegral(x[k], y[k], bits, unsigned);
    }

    /** One element of any integer op on values widened to long: {@link BinaryOp#applyIntegral}. */
    static long apply(BinaryOp op, int bits, boolean unsigned, long x, long y) {
        return op.applyIntegral(x, y, bits, unsigned);
    }

    /** Reads {@code len} elements at {@code s[i + k * stride]} as longs (stride 0 reads one and repeats it). */
    static void widen(DType t, MemorySegment s, long i, long stride, long[] dst, int len) {
        if (stride == 0) {
            Arrays.fill(dst, 0, len, ElementAccess.getLong(s, t, i));
            return;
        }
        switch (t) {
            case INT8 -> { for (int k = 0; k < len; k++) dst[k] = s.get(I8, i + k * stride); }
            case UINT8 -> { for (int k = 0; k < len; k++) dst[k] = s.get(I8, i + k * stride) & 0xff; }
            case INT16 -> { for (int k = 0; k < len; k++) dst[k] = s.getAtIndex(I16, i + k * stride); }
            case UINT16 -> { for (int k = 0; k < len; k++) dst[k] = s.getAtIndex(I16, i + k * stride) & 0xffff; }
            case INT32 -> { for (int k = 0; k < len; k++) dst[k] = s.getAtIndex(I32, i + k * stride); }
            case UINT32 -> { for (int k = 0; k < len; k++) dst[k] = s.getAtIndex(I32, i + k * stride) & 0xffffffffL; }
            case INT64, UINT64 -> { for (int k = 0; k < len; k++) dst[k] = s.getAtIndex(I64, i + k * stride); }
            default -> throw new IllegalStateException("not an integer dtype: " + t);
        }
    }

    /** Writes {@code src[0, len)} to the contiguous {@code o[oi ..]}, wrapping to the width of {@code t}. */
    static void narrow(DType t, long[] src, int len, MemorySegment o, long oi) {
        switch (t) {
            case BOOL -> { for (int k = 0; k < len; k++) o.set(I8, oi + k, (byte) (src[k] != 0 ? 1 : 0)); }
            case INT8, UINT8 -> { for (int k = 0; k < len; k++) o.set(I8, oi + k, (byte) src[k]); }
            case INT16, UINT16 -> { for (int k = 0; k < len; k++) o.setAtIndex(I16, oi + k, (short) src[k]); }
            case INT32, UINT32 -> { for (int k = 0; k < len; k++) o.setAtIndex(I32, oi + k, (int) src[k]); }
            case INT64, UINT64 -> { for (int k = 0; k < len; k++) o.setAtIndex(I64, oi + k, src[k]); }
            default -> throw new IllegalStateException("not an integer dtype: " + t);
        }
    }
}
