package org.mlx4j.core.backend.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.mlx4j.core.DType;

/** Random inputs and input layouts for the element-wise kernel tests. */
final class BinaryTestData {
    private BinaryTestData() {}

    static final double[] FLOAT_SPECIALS = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            0.0, -0.0, 1, -1, 2, 0.5, 3, -7.5};

    /** How an input view of a given shape lies in its backing segment. */
    enum Layout {
        CONTIGUOUS, SCALAR, BROADCAST_INNER, BROADCAST_OUTER, TRANSPOSED, REVERSED, STRIDED;

        /** A view of {@code shape} over a fresh segment whose every element is random. */
        StridedView make(Arena arena, DType t, int[] shape, Random rnd) {
            int nd = shape.length;
            long[] strides = StridedView.rowMajorStrides(shape);
            long offset = 0;
            switch (this) {
                case CONTIGUOUS -> { }
                case SCALAR -> {
                    java.util.Arrays.fill(strides, 0);
                    offset = 3;
                }
                case BROADCAST_INNER, BROADCAST_OUTER -> {
                    int axis = this == BROADCAST_INNER ? nd - 1 : 0;
                    if (nd > 0) {
                        int[] reduced = shape.clone();
                        reduced[axis] = 1;
                        strides = StridedView.rowMajorStrides(reduced);
                        strides[axis] = 0;
                    }
                    offset = 1;
                }
                case TRANSPOSED -> { // column-major
                    long s = 1;
                    for (int d = 0; d < nd; d++) {
                        strides[d] = s;
                        s *= Math.max(1, shape[d]);
                    }
                }
                case REVERSED -> {
                    for (int d = 0; d < nd; d++) {
                        offset += (long) Math.max(0, shape[d] - 1) * strides[d];
                        strides[d] = -strides[d];
                    }
                }
                case STRIDED -> {
                    for (int d = 0; d < nd; d++) strides[d] *= 2;
                    offset = 2;
                }
            }
            long hi = offset;
            for (int d = 0; d < nd; d++) hi += Math.max(0, (long) Math.max(0, shape[d] - 1) * strides[d]);
            long count = hi + 1 + 5;
            MemorySegment seg = arena.allocate(count * t.size(), 64);
            fill(seg, t, count, rnd);
            return new StridedView(seg, offset, shape, strides, t);
        }
    }

    static StridedView contiguousOut(Arena arena, DType t, int... shape) {
        long n = Math.max(1, StridedView.sizeOf(shape));
        MemorySegment seg = arena.allocate(n * t.size(), 64);
        seg.fill((byte) 0x5a); // garbage that a kernel must overwrite
        return StridedView.contiguous(seg, t, shape);
    }

    /** Element index (into the segment) of the row-major logical element {@code flat} of {@code v}. */
    static long index(StridedView v, long flat) {
        long idx = v.offset();
        for (int d = v.ndim() - 1; d >= 0; d--) {
            long i = flat % v.shape()[d];
            flat /= v.shape()[d];
            idx += i * v.strides()[d];
        }
        return idx;
    }

    /** Random values of {@code t}, never all zero: specials, small integers and values of every magnitude. */
    static void fill(MemorySegment s, DType t, long count, Random rnd) {
        for (long i = 0; i < count; i++) {
            switch (t.kind()) {
                case BOOL -> s.set(ValueLayout.JAVA_BYTE, i, (byte) (rnd.nextInt(8) == 0 ? 2 : rnd.nextInt(2)));
                case FLOAT -> ElementAccess.setDouble(s, t, i, randomFloat(rnd));
                case COMPLEX -> ElementAccess.setComplex(s, i, (float) randomComplexPart(rnd), (float) randomComplexPart(rnd));
                default -> ElementAccess.setLong(s, t, i, randomInteger(t, rnd));
            }
        }
    }

    static double randomFloat(Random rnd) {
        int kind = rnd.nextInt(10);
        if (kind == 0) return FLOAT_SPECIALS[rnd.nextInt(FLOAT_SPECIALS.length)];
        if (kind <= 3) return rnd.nextInt(17) - 8;
        return rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3);
    }

    static double randomComplexPart(Random rnd) {
        int kind = rnd.nextInt(6);
        if (kind == 0) return 0;
        if (kind == 1) return rnd.nextInt(7) - 3;
        return rnd.nextGaussian() * 3;
    }

    /** Raw value as {@link ElementAccess#getLong} would return it: small values, edges and random bit patterns. */
    static long randomInteger(DType t, Random rnd) {
        int bits = t.size() * 8;
        boolean signed = t.isSignedInteger();
        int kind = rnd.nextInt(10);
        long v;
        if (kind < 4) v = signed ? rnd.nextInt(25) - 12 : rnd.nextInt(25);
        else if (kind < 5) {
            long[] edges = {0, 1, -1, Long.MAX_VALUE >>> (64 - bits), ~(Long.MAX_VALUE >>> (64 - bits)), 2, bits, bits - 1};
            v = edges[rnd.nextInt(edges.length)];
        } else v = rnd.nextLong();
        return normalize(v, t);
    }

    /** {@code v} wrapped to {@code t} and extended as {@link ElementAccess#getLong} reads it back. */
    static long normalize(long v, DType t) {
        return switch (t) {
            case INT8 -> (byte) v;
            case UINT8 -> v & 0xff;
            case INT16 -> (short) v;
            case UINT16 -> v & 0xffff;
            case INT32 -> (int) v;
            case UINT32 -> v & 0xffffffffL;
            default -> v;
        };
    }
}
