package org.mlx4j.core.backend.cpu;

import static org.mlx4j.core.backend.cpu.ElementAccess.F64;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.mlx4j.core.DType;
import org.mlx4j.core.graph.ReduceOp;

/** SUM, PROD, MAX and MIN over float64 in double vector lanes. MAX and MIN propagate NaN. */
final class ReduceDoubleFamily extends ReduceFamily {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int VL = S.length();
    private static final long VB = VL * 8L;
    private static final ByteOrder NO = ByteOrder.nativeOrder();

    private final double identity;

    ReduceDoubleFamily(ReduceOp op, DType in) {
        super(op, in);
        identity = switch (op) {
            case SUM -> -0d; // -0.0 + x is x for every x, -0.0 included
            case PROD -> 1d;
            case MAX -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
            default -> throw new IllegalArgumentException("no float64 kernel for " + op.opName());
        };
    }

    @Override
    void fill(long[] acc, int slot, int count) {
        Arrays.fill(acc, slot, slot + count, Double.doubleToRawLongBits(identity));
    }

    private double combine(double a, double p) {
        return switch (op) {
            case SUM -> a + p;
            case PROD -> a * p;
            case MAX -> Math.max(a, p);
            default -> Math.min(a, p);
        };
    }

    private void fold(long[] acc, int slot, double p) {
        acc[slot] = Double.doubleToRawLongBits(combine(Double.longBitsToDouble(acc[slot]), p));
    }

    @Override
    void run(long[] acc, int slot, MemorySegment s, long off, long stride, long n) {
        if (stride == 1) {
            fold(acc, slot, reduce(op, s, off * 8, n));
            return;
        }
        ReduceScratch sc = ReduceScratch.get();
        for (long i = 0; i < n; i += ReduceScratch.PIECE) {
            int m = (int) Math.min(ReduceScratch.PIECE, n - i);
            fold(acc, slot, reduce(op, sc.loadDoubles(s, off + i * stride, stride, m), 0, m));
        }
    }

    @Override
    void runs(long[] acc, int slot, int count, MemorySegment s, long off, long step, long stride, long n) {
        if (stride != 1) {
            super.runs(acc, slot, count, s, off, step, stride, n);
            return;
        }
        for (int k = 0; k < count; k++) fold(acc, slot + k, reduce(op, s, (off + k * step) * 8, n));
    }

    @Override
    void columns(long[] acc, int slot, MemorySegment s, long base, int w, long[] rows, int nRows) {
        double[] t = ReduceScratch.get().colD;
        Arrays.fill(t, 0, w, identity);
        for (int r = 0; r < nRows; r++) row(op, t, s, (base + rows[r]) * 8, w);
        for (int c = 0; c < w; c++) fold(acc, slot + c, t[c]);
    }

    @Override
    void block(long[] acc, int slot, MemorySegment s, long start, int w, long total) {
        double[] t = ReduceScratch.get().colD;
        int vw = virtualWidth(w);
        Arrays.fill(t, 0, vw, identity);
        for (long j = 0; j < total; j += vw) row(op, t, s, (start + j) * 8, (int) Math.min(vw, total - j));
        for (int c = 0; c < vw; c++) fold(acc, slot + c % w, t[c]);
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

    // ---- contiguous float64 kernels (byte offsets) ----

    private static DoubleVector load(MemorySegment s, long off) {
        return DoubleVector.fromMemorySegment(S, s, off, NO);
    }

    static double reduce(ReduceOp op, MemorySegment s, long off, long n) {
        DoubleVector id = DoubleVector.broadcast(S, switch (op) {
            case SUM -> -0d; // -0.0 + x is x for every x, -0.0 included
            case PROD -> 1d;
            case MAX -> Double.NEGATIVE_INFINITY;
            default -> Double.POSITIVE_INFINITY;
        });
        DoubleVector a0 = id, a1 = id, a2 = id, a3 = id;
        long i = 0;
        long b4 = n - n % (4L * VL);
        double r;
        switch (op) {
            case SUM -> {
                for (; i < b4; i += 4L * VL) {
                    long o = off + i * 8;
                    a0 = a0.add(load(s, o));
                    a1 = a1.add(load(s, o + VB));
                    a2 = a2.add(load(s, o + 2 * VB));
                    a3 = a3.add(load(s, o + 3 * VB));
                }
                r = b4 > 0 ? a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD) : -0d;
            }
            case PROD -> {
                for (; i < b4; i += 4L * VL) {
                    long o = off + i * 8;
                    a0 = a0.mul(load(s, o));
                    a1 = a1.mul(load(s, o + VB));
                    a2 = a2.mul(load(s, o + 2 * VB));
                    a3 = a3.mul(load(s, o + 3 * VB));
                }
                r = b4 > 0 ? a0.mul(a1).mul(a2.mul(a3)).reduceLanes(VectorOperators.MUL) : 1d;
            }
            case MAX -> {
                for (; i < b4; i += 4L * VL) {
                    long o = off + i * 8;
                    a0 = a0.max(load(s, o));
                    a1 = a1.max(load(s, o + VB));
                    a2 = a2.max(load(s, o + 2 * VB));
                    a3 = a3.max(load(s, o + 3 * VB));
                }
                r = b4 > 0 ? a0.max(a1).max(a2.max(a3)).reduceLanes(VectorOperators.MAX) : Double.NEGATIVE_INFINITY;
            }
            default -> {
                for (; i < b4; i += 4L * VL) {
                    long o = off + i * 8;
                    a0 = a0.min(load(s, o));
                    a1 = a1.min(load(s, o + VB));
                    a2 = a2.min(load(s, o + 2 * VB));
                    a3 = a3.min(load(s, o + 3 * VB));
                }
                r = b4 > 0 ? a0.min(a1).min(a2.min(a3)).reduceLanes(VectorOperators.MIN) : Double.POSITIVE_INFINITY;
            }
        }
        for (; i < n; i++) {
            double v = s.get(F64, off + i * 8);
            r = switch (op) {
                case SUM -> r + v;
                case PROD -> r * v;
                case MAX -> Math.max(r, v);
                default -> Math.min(r, v);
            };
        }
        return r;
    }

    /** t[c] op= row[c] for one contiguous float64 row at byte offset {@code off}. */
    static void row(ReduceOp op, double[] t, MemorySegment s, long off, int w) {
        int ub = S.loopBound(w);
        int c = 0;
        switch (op) {
            case SUM -> {
                for (; c < ub; c += VL) DoubleVector.fromArray(S, t, c).add(load(s, off + c * 8L)).intoArray(t, c);
                for (; c < w; c++) t[c] += s.get(F64, off + c * 8L);
            }
            case PROD -> {
                for (; c < ub; c += VL) DoubleVector.fromArray(S, t, c).mul(load(s, off + c * 8L)).intoArray(t, c);
                for (; c < w; c++) t[c] *= s.get(F64, off + c * 8L);
            }
            case MAX -> {
                for (; c < ub; c += VL) DoubleVector.fromArray(S, t, c).max(load(s, off + c * 8L)).intoArray(t, c);
                for (; c < w; c++) t[c] = Math.max(t[c], s.get(F64, off + c * 8L));
            }
            default -> {
                for (; c < ub; c += VL) DoubleVector.fromArray(S, t, c).min(load(s, off + c * 8L)).intoArray(t, c);
                for (; c < w; c++) t[c] = Math.min(t[c], s.get(F64, off + c * 8L));
            }
        }
    }
}
