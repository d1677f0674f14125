package org.mlx4j.core.backend.cpu;

import static org.mlx4j.core.backend.cpu.ElementAccess.F32;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.mlx4j.core.DType;
import org.mlx4j.core.graph.ReduceOp;

/**
 * SUM, PROD, MAX and MIN over float32, float16 and bfloat16: float32 vector lanes (halves are
 * widened into a float32 buffer first). Sums fold blocks of {@link #BLOCK} elements in float32
 * lanes and add the block totals in double, which keeps long sums as accurate as pairwise
 * summation. MAX and MIN propagate NaN.
 */
final class ReduceFloatFamily extends ReduceFamily {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int VL = S.length();
    private static final long VB = VL * 4L;
    private static final ByteOrder NO = ByteOrder.nativeOrder();
    /** Elements summed in float32 lanes before the partial goes to a double. */
    static final int BLOCK = 2048;

    private final float identity;

    ReduceFloatFamily(ReduceOp op, DType in) {
        super(op, in);
        identity = switch (op) {
            case SUM -> -0f; // -0.0 + x is x for every x, -0.0 included
            case PROD -> 1f;
            case MAX -> Float.NEGATIVE_INFINITY;
            case MIN -> Float.POSITIVE_INFINITY;
            default -> throw new IllegalArgumentException("no float kernel for " + op.opName());
        };
    }

    @Override
    void fill(long[] acc, int slot, int count) {
        Arrays.fill(acc, slot, slot + count, Double.doubleToRawLongBits(identity));
    }

    private void fold(long[] acc, int slot, double p) {
        double a = Double.longBitsToDouble(acc[slot]);
        double r = switch (op) {
            case SUM -> a + p;
            case PROD -> a * p;
            case MAX -> Math.max(a, p);
            default -> Math.min(a, p);
        };
        acc[slot] = Double.doubleToRawLongBits(r);
    }

    @Override
    void run(long[] acc, int slot, MemorySegment s, long off, long stride, long n) {
        if (in == DType.FLOAT32 && stride == 1) {
            fold(acc, slot, reduce(op, s, off * 4, n));
            return;
        }
        ReduceScratch sc = ReduceScratch.get();
        for (long i = 0; i < n; i += ReduceScratch.PIECE) {
            int m = (int) Math.min(ReduceScratch.PIECE, n - i);
            fold(acc, slot, reduce(op, sc.loadFloats(s, in, off + i * stride, stride, m), 0, m));
        }
    }

    @Override
    void runs(long[] acc, int slot, int count, MemorySegment s, long off, long step, long stride, long n) {
        if (in != DType.FLOAT32 || stride != 1) {
            super.runs(acc, slot, count, s, off, step, stride, n);
            return;
        }
        for (int k = 0; k < count; k++) fold(acc, slot + k, reduce(op, s, (off + k * step) * 4, n));
    }

    @Override
    void columns(long[] acc, int slot, MemorySegment s, long base, int w, long[] rows, int nRows) {
        ReduceScratch sc = ReduceScratch.get();
        float[] t = sc.colF;
        Arrays.fill(t, 0, w, identity);
        int r = 0;
        if (in == DType.FLOAT32) {
            if (op == ReduceOp.SUM) {
                for (; r + 4 <= nRows; r += 4) {
                    sum4Rows(t, s, (base + rows[r]) * 4, (base + rows[r + 1]) * 4,
                            (base + rows[r + 2]) * 4, (base + rows[r + 3]) * 4, w);
                }
            }
            for (; r < nRows; r++) row(op, t, s, (base + rows[r]) * 4, w);
        } else {
            for (; r < nRows; r++) row(op, t, sc.loadFloats(s, in, base + rows[r], 1, w), 0, w);
        }
        for (int c = 0; c < w; c++) fold(acc, slot + c, t[c]);
    }

    @Override
    void block(long[] acc, int slot, MemorySegment s, long start, int w, long total) {
        ReduceScratch sc = ReduceScratch.get();
        float[] t = sc.colF;
        int vw = virtualWidth(w);
        Arrays.fill(t, 0, vw, identity);
        if (in == DType.FLOAT32) {
            foldBlock(t, s, start * 4, total, vw);
        } else {
            int piece = ReduceScratch.PIECE / vw * vw;
            for (long j = 0; j < total; j += piece) {
                int m = (int) Math.min(piece, total - j);
                foldBlock(t, sc.loadFloats(s, in, start + j, 1, m), 0, m, vw);
            }
        }
        for (int c = 0; c < vw; c++) fold(acc, slot + c % w, t[c]);
    }

    /** Folds a contiguous block of {@code total} floats as rows of {@code vw} into t. */
    private void foldBlock(float[] t, MemorySegment s, long off, long total, int vw) {
        long j = 0;
        if (op == ReduceOp.SUM) {
            for (; j + 4L * vw <= total; j += 4L * vw) {
                long o = off + j * 4;
                sum4Rows(t, s, o, o + vw * 4L, o + vw * 8L, o + vw * 12L, vw);
            }
        }
        for (; j < total; j += vw) row(op, t, s, off + j * 4, (int) Math.min(vw, total - j));
    }

    @Override
    void merge(long[] acc, int dst, long[] src, int srcSlot) {
        fold(acc, dst, Double.longBitsToDouble(src[srcSlot]));
    }

    @Override
    void repeat(long[] acc, int slot, long count) {
        double a = Double.longBitsToDouble(acc[slot]);
        if (op == ReduceOp.SUM) acc[slot] = Double.doubleToRawLongBits(a * count);
        else if (op == ReduceOp.PROD) acc[slot] = Double.doubleToRawLongBits(Math.pow(a, count));
    }

    @Override
    void write(long[] acc, int slot, MemorySegment out, DType outType, long index) {
        ElementAccess.setDouble(out, outType, index, Double.longBitsToDouble(acc[slot]));
    }

    // ---- contiguous float32 kernels (byte offsets) ----

    static double reduce(ReduceOp op, MemorySegment s, long off, long n) {
        return switch (op) {
            case SUM -> sum(s, off, n);
            case PROD -> prod(s, off, n);
            case MAX -> max(s, off, n);
            default -> min(s, off, n);
        };
    }

    private static FloatVector load(MemorySegment s, long off) {
        return FloatVector.fromMemorySegment(S, s, off, NO);
    }

    static double sum(MemorySegment s, long off, long n) {
        if (n < VL) {
            float p = -0f;
            for (long i = 0; i < n; i++) p += s.get(F32, off + i * 4);
            return p;
        }
        double total = -0d;
        long i = 0;
        while (i < n) {
            long start = i, end = Math.min(n, i + BLOCK);
            FloatVector a0 = FloatVector.broadcast(S, -0f), a1 = a0, a2 = a0, a3 = a0;
            long b4 = end - (end - i) % (4L * VL);
            for (; i < b4; i += 4L * VL) {
                long o = off + i * 4;
                a0 = a0.add(load(s, o));
                a1 = a1.add(load(s, o + VB));
                a2 = a2.add(load(s, o + 2 * VB));
                a3 = a3.add(load(s, o + 3 * VB));
            }
            long b1 = end - (end - i) % VL;
            for (; i < b1; i += VL) a0 = a0.add(load(s, off + i * 4));
            // short runs skip the lane reduction (it would also turn a -0.0 sum into +0.0)
            float p = i > start ? a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD) : -0f;
            for (; i < end; i++) p += s.get(F32, off + i * 4);
            total += p;
        }
        return total;
    }

    static float prod(MemorySegment s, long off, long n) {
        FloatVector a0 = FloatVector.broadcast(S, 1f), a1 = a0;
        long i = 0;
        long b2 = n - n % (2L * VL);
        for (; i < b2; i += 2L * VL) {
            a0 = a0.mul(load(s, off + i * 4));
            a1 = a1.mul(load(s, off + i * 4 + VB));
        }
        float p = a0.mul(a1).reduceLanes(VectorOperators.MUL);
        for (; i < n; i++) p *= s.get(F32, off + i * 4);
        return p;
    }

    static float max(MemorySegment s, long off, long n) {
        FloatVector a0 = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY), a1 = a0;
        long i = 0;
        long b2 = n - n % (2L * VL);
        for (; i < b2; i += 2L * VL) {
            a0 = a0.max(load(s, off + i * 4));
            a1 = a1.max(load(s, off + i * 4 + VB));
        }
        float m = a0.max(a1).reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) m = Math.max(m, s.get(F32, off + i * 4));
        return m;
    }

    static float min(MemorySegment s, long off, long n) {
        FloatVector a0 = FloatVector.broadcast(S, Float.POSITIVE_INFINITY), a1 = a0;
        long i = 0;
        long b2 = n - n % (2L * VL);
        for (; i < b2; i += 2L * VL) {
            a0 = a0.min(load(s, off + i * 4));
            a1 = a1.min(load(s, off + i * 4 + VB));
        }
        float m = a0.min(a1).reduceLanes(VectorOperators.MIN);
        for (; i < n; i++) m = Math.min(m, s.get(F32, off + i * 4));
        return m;
    }

    /** t[c] op= row[c] for one contiguous float32 row at byte offset {@code off}. */
    static void row(ReduceOp op, float[] t, MemorySegment s, long off, int w) {
        int ub = S.loopBound(w);
        int c = 0;
        switch (op) {
            case SUM -> {
                for (; c < ub; c += VL) FloatVector.fromArray(S, t, c).add(load(s, off + c * 4L)).intoArray(t, c);
                for (; c < w; c++) t[c] += s.get(F32, off + c * 4L);
            }
            case PROD -> {
                for (; c < ub; c += VL) FloatVector.fromArray(S, t, c).mul(load(s, off + c * 4L)).intoArray(t, c);
                for (; c < w; c++) t[c] *= s.get(F32, off + c * 4L);
            }
            case MAX -> {
                for (; c < ub; c += VL) FloatVector.fromArray(S, t, c).max(load(s, off + c * 4L)).intoArray(t, c);
                for (; c < w; c++) t[c] = Math.max(t[c], s.get(F32, off + c * 4L));
            }
            default -> {
                for (; c < ub; c += VL) FloatVector.fromArray(S, t, c).min(load(s, off + c * 4L)).intoArray(t, c);
                for (; c < w; c++) t[c] = Math.min(t[c], s.get(F32, off + c * 4L));
            }
        }
    }

    /** t[c] += r0[c] + r1[c] + r2[c] + r3[c] (added in that order), one pass over t for four rows. */
    private static void sum4Rows(float[] t, MemorySegment s, long o0, long o1, long o2, long o3, int w) {
        int ub = S.loopBound(w);
        int c = 0;
        for (; c < ub; c += VL) {
            long b = c * 4L;
            FloatVector.fromArray(S, t, c).add(load(s, o0 + b)).add(load(s, o1 + b))
                    .add(load(s, o2 + b)).add(load(s, o3 + b)).intoArray(t, c);
        }
        for (; c < w; c++) {
            long b = c * 4L;
            t[c] = t[c] + s.get(F32, o0 + b) + s.get(F32, o1 + b) + s.get(F32, o2 + b) + s.get(F32, o3 + b);
        }
    }
}
