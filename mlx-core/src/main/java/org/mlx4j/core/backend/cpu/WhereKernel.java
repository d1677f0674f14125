package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Objects;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.mlx4j.core.DType;

/**
 * The ternary select {@code out = cond ? x : y} on the CPU. It moves bits, so one loop per element size
 * (1, 2, 4, 8 bytes) serves every dtype. The iteration space is collapsed like {@link BinaryKernels}'s;
 * a row whose condition is one broadcast value is a plain copy of x or y, and the other rows run a vector
 * blend over contiguous blocks, with broadcast or strided inputs first filled or gathered into per-thread
 * blocks.
 */
public final class WhereKernel {
    private WhereKernel() {}

    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    private static final VectorSpecies<Byte> BS = ByteVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Short> SS = ShortVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> IS = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Long> LS = LongVector.SPECIES_PREFERRED;
    private static final int BL = BS.length();
    private static final ValueLayout.OfByte B = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfShort H = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong J = ValueLayout.JAVA_LONG_UNALIGNED;

    /**
     * {@code out[i] = cond[i] ? x[i] : y[i]}; cond is BOOL (any non-zero byte is true), x and y have out's
     * dtype, and all have out's shape (strides may be 0 or negative). out is row-major contiguous.
     *
     * @throws IllegalArgumentException when the dtypes, shapes or layouts do not fit
     */
    public static void where(StridedView cond, StridedView x, StridedView y, StridedView out) {
        Objects.requireNonNull(cond, "cond");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(out, "out");
        String name = "where";
        if (cond.dtype() != DType.BOOL) {
            throw new IllegalArgumentException(name + ": the condition must be bool, got " + cond.dtype().mlxName());
        }
        if (x.dtype() != out.dtype() || y.dtype() != out.dtype()) {
            throw new IllegalArgumentException(name + ": x (" + x.dtype().mlxName() + ") and y (" + y.dtype().mlxName()
                    + ") must have the output's dtype " + out.dtype().mlxName());
        }
        BinaryChecks.sameShape(name, "cond", cond, out);
        BinaryChecks.sameShape(name, "x", x, out);
        BinaryChecks.sameShape(name, "y", y, out);
        BinaryChecks.output(name, out);
        BinaryChecks.inBounds(name, "cond", cond);
        BinaryChecks.inBounds(name, "x", x);
        BinaryChecks.inBounds(name, "y", y);
        long n = out.size();
        if (n == 0) return;
        BinaryShapes shapes = BinaryShapes.collapse(out.shape(), cond.strides(), x.strides(), y.strides());
        int bytes = out.dtype().size();
        MemorySegment cs = cond.segment(), xs = x.segment(), ys = y.segment(), os = out.segment();
        long sc = shapes.innerStride(0), sx = shapes.innerStride(1), sy = shapes.innerStride(2), o0 = out.offset();
        long[] bases = {cond.offset(), x.offset(), y.offset()};
        Parallel.forRange(n, BinaryKernels.GRAIN, BinaryKernels.ALIGN, (start, end) -> shapes.forEachRow(bases, start, end,
                (at, o, len) -> row(bytes, cs, at[0], sc, xs, at[1], sx, ys, at[2], sy, os, o0 + o, len)));
    }

    private static void row(int bytes, MemorySegment c, long ci, long sc, MemorySegment x, long xi, long sx,
                            MemorySegment y, long yi, long sy, MemorySegment o, long oi, long n) {
        if (sc == 0) { // one condition for the whole row: copy the chosen input
            boolean pick = c.get(B, ci) != 0;
            BinaryGather.gather(bytes, pick ? x : y, pick ? xi : yi, pick ? sx : sy, o, oi, n);
            return;
        }
        BinaryScratch scratch = BinaryScratch.get();
        for (long k = 0; k < n; k += BinaryScratch.BLOCK) {
            int len = (int) Math.min(BinaryScratch.BLOCK, n - k);
            MemorySegment rc = c, rx = x, ry = y;
            long rci = ci + k * sc, rxi = xi + k * sx, ryi = yi + k * sy;
            if (sc != 1) {
                BinaryGather.gather(1, c, rci, sc, scratch.gather0, 0, len);
                rc = scratch.gather0;
                rci = 0;
            }
            if (sx != 1) {
                // A broadcast input is filled once per row; the block stays valid for the rest of it.
                if (sx != 0 || k == 0) BinaryGather.gather(bytes, x, rxi, sx, scratch.gather1, 0, len);
                rx = scratch.gather1;
                rxi = 0;
            }
            if (sy != 1) {
                if (sy != 0 || k == 0) BinaryGather.gather(bytes, y, ryi, sy, scratch.gather2, 0, len);
                ry = scratch.gather2;
                ryi = 0;
            }
            select(bytes, rc, rci, rx, rxi, ry, ryi, o, oi + k, len);
        }
    }

    /** {@code o[oi + k] = c[ci + k] != 0 ? x[xi + k] : y[yi + k]} over contiguous runs. */
    static void select(int bytes, MemorySegment c, long ci, MemorySegment x, long xi, MemorySegment y, long yi,
                       MemorySegment o, long oi, long n) {
        long up = BS.loopBound(n);
        switch (bytes) {
            case 1 -> select8(c, ci, x, xi, y, yi, o, oi, up);
            case 2 -> select16(c, ci, x, xi, y, yi, o, oi, up);
            case 4 -> select32(c, ci, x, xi, y, yi, o, oi, up);
            case 8 -> select64(c, ci, x, xi, y, yi, o, oi, up);
            default -> throw new IllegalStateException("element size " + bytes);
        }
        for (long k = up; k < n; k++) {
            boolean pick = c.get(B, ci + k) != 0;
            MemorySegment s = pick ? x : y;
            long si = (pick ? xi : yi) + k;
            switch (bytes) {
                case 1 -> o.set(B, oi + k, s.get(B, si));
                case 2 -> o.setAtIndex(H, oi + k, s.getAtIndex(H, si));
                case 4 -> o.setAtIndex(I, oi + k, s.getAtIndex(I, si));
                default -> o.setAtIndex(J, oi + k, s.getAtIndex(J, si));
            }
        }
    }

    /** The condition bits of {@code BL} elements (one vector of condition bytes). */
    private static long conditionBits(MemorySegment c, long ci) {
        return ByteVector.fromMemorySegment(BS, c, ci, NATIVE).compare(VectorOperators.NE, 0).toLong();
    }

    private static void select8(MemorySegment c, long ci, MemorySegment x, long xi, MemorySegment y, long yi,
                                MemorySegment o, long oi, long up) {
        for (long k = 0; k < up; k += BL) {
            VectorMask<Byte> m = ByteVector.fromMemorySegment(BS, c, ci + k, NATIVE).compare(VectorOperators.NE, 0);
            ByteVector.fromMemorySegment(BS, y, yi + k, NATIVE)
                    .blend(ByteVector.fromMemorySegment(BS, x, xi + k, NATIVE), m)
                    .intoMemorySegment(o, oi + k, NATIVE);
        }
    }

    private static void select16(MemorySegment c, long ci, MemorySegment x, long xi, MemorySegment y, long yi,
                                 MemorySegment o, long oi, long up) {
        int lanes = SS.length();
        for (long k = 0; k < up; k += BL) {
            long bits = conditionBits(c, ci + k);
            for (int j = 0; j < BL; j += lanes, bits >>>= lanes) {
                long e = (k + j) * Short.BYTES;
                ShortVector.fromMemorySegment(SS, y, yi * Short.BYTES + e, NATIVE)
                        .blend(ShortVector.fromMemorySegment(SS, x, xi * Short.BYTES + e, NATIVE), VectorMask.fromLong(SS, bits))
                        .intoMemorySegment(o, oi * Short.BYTES + e, NATIVE);
            }
        }
    }

    private static void select32(MemorySegment c, long ci, MemorySegment x, long xi, MemorySegment y, long yi,
                                 MemorySegment o, long oi, long up) {
        int lanes = IS.length();
        for (long k = 0; k < up; k += BL) {
            long bits = conditionBits(c, ci + k);
            for (int j = 0; j < BL; j += lanes, bits >>>= lanes) {
                long e = (k + j) * Integer.BYTES;
                IntVector.fromMemorySegment(IS, y, yi * Integer.BYTES + e, NATIVE)
                        .blend(IntVector.fromMemorySegment(IS, x, xi * Integer.BYTES + e, NATIVE), VectorMask.fromLong(IS, bits))
                        .intoMemorySegment(o, oi * Integer.BYTES + e, NATIVE);
            }
        }
    }

    private static void select64(MemorySegment c, long ci, MemorySegment x, long xi, MemorySegment y, long yi,
                                 MemorySegment o, long oi, long up) {
        int lanes = LS.length();
        for (long k = 0; k < up; k += BL) {
            long bits = conditionBits(c, ci + k);
            for (int j = 0; j < BL; j += lanes, bits >>>= lanes) {
                long e = (k + j) * Long.BYTES;
                LongVector.fromMemorySegment(LS, y, yi * Long.BYTES + e, NATIVE)
                        .blend(LongVector.fromMemorySegment(LS, x, xi * Long.BYTES + e, NATIVE), VectorMask.fromLong(LS, bits))
                        .intoMemorySegment(o, oi * Long.BYTES + e, NATIVE);
            }
        }
    }
}
