package org.mlx4j.core.backend.cpu;

import static org.mlx4j.core.backend.cpu.ElementAccess.F32;
import static org.mlx4j.core.backend.cpu.ElementAccess.F64;
import static org.mlx4j.core.backend.cpu.ElementAccess.I32;
import static org.mlx4j.core.backend.cpu.ElementAccess.I64;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.mlx4j.core.DType;

/**
 * argmax / argmin along one axis.
 *
 * <p>Three loop shapes: a contiguous axis is scanned per output with vector lanes (find the
 * extreme value, then the first index holding it); an axis whose neighbours are a contiguous
 * kept block is scanned a row at a time for a tile of outputs (best value and index per lane,
 * never gathering); anything else is widened piece by piece into a contiguous buffer first.
 * Few long outputs are split into chunks scanned in parallel and combined in order. The contiguous
 * scans are {@code ArgScanFloat}, {@code ArgScanDouble}, {@code ArgScanInt} and {@code ArgScanLong},
 * generated from one template.
 */
public final class ArgReduceKernels {
    private static final ByteOrder NO = ByteOrder.nativeOrder();
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> FIS = FS.withLanes(int.class);
    private static final int TILE = ReduceScratch.PIECE;
    private static final long CHUNK = 1 << 16;

    private ArgReduceKernels() {}

    /**
     * Index (UINT32 output) of the max (or min) along {@code axis}; {@code out} is row-major
     * contiguous with {@code in}'s shape where {@code axis} has extent 1. The first occurrence wins
     * ties (-0.0 ties with 0.0); NaN counts as the max for argmax and the min for argmin, so the
     * first NaN wins (NumPy semantics). Unsigned integers compare unsigned; complex64 compares
     * lexicographically, a NaN in either part counting as NaN.
     *
     * @throws IllegalArgumentException for a bad axis or output, or an empty axis with outputs
     */
    public static void argReduce(boolean isMax, StridedView in, int axis, StridedView out) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        String what = (isMax ? "argmax" : "argmin") + " over " + in.dtype().mlxName()
                + Arrays.toString(in.shape()) + " axis " + axis;
        if (axis < 0 || axis >= in.ndim()) {
            throw new IllegalArgumentException(what + ": axis must be in [0, " + in.ndim() + ")");
        }
        if (out.dtype() != DType.UINT32) {
            throw new IllegalArgumentException(what + ": output dtype must be uint32, got " + out.dtype().mlxName());
        }
        int[] kept = in.shape().clone();
        kept[axis] = 1;
        if (!Arrays.equals(kept, out.shape())) {
            throw new IllegalArgumentException(what + ": output shape " + Arrays.toString(out.shape())
                    + " should be " + Arrays.toString(kept));
        }
        if (!out.isRowContiguous()) {
            throw new IllegalArgumentException(what + ": output must be row-major contiguous, got " + out);
        }
        if (out.size() == 0) return;
        long n = in.shape()[axis];
        if (n == 0) throw new IllegalArgumentException(what + ": attempt to take the arg of an empty axis");
        long stride = in.strides()[axis];
        if (n == 1 || stride == 0) { // every element along the axis is the first
            out.segment().asSlice(out.offset() * 4, out.size() * 4).fill((byte) 0);
            return;
        }
        // The kept axes, simplified like a reduction's (the arg axis, set to extent 1, is dropped).
        StridedView keptView = new StridedView(in.segment(), in.offset(), kept, in.strides(), in.dtype());
        ReducePlan p = ReducePlan.of(keptView, new boolean[in.ndim()], out.offset(), StridedView.rowMajorStrides(kept));
        new Scan(isMax, in.segment(), in.dtype(), out.segment(), n, stride).run(p);
        ReduceExecutor.expand(out, p.expandAxes);
    }

    /** One arg reduction; {@code n} elements at {@code stride} along the axis from each base. */
    private record Scan(boolean isMax, MemorySegment s, DType t, MemorySegment out, long n, long stride) {

        void run(ReducePlan p) {
            int nk = p.keptN.length;
            if (stride != 1 && nk > 0 && p.keptIn[nk - 1] == 1 && t != DType.COMPLEX64) {
                columns(p);
                return;
            }
            long outputs = p.outputs();
            long split = outputs < 4L * Parallel.threads() && n >= 2 * CHUNK && t != DType.COMPLEX64
                    ? (n + CHUNK - 1) / CHUNK : 1;
            if (split == 1) {
                Parallel.forRange(outputs, Math.max(1, Parallel.DEFAULT_GRAIN / n), (lo, hi) -> {
                    ReduceOdometer o = new ReduceOdometer(p.keptN, p.keptIn, p.keptOut);
                    o.seek(lo);
                    for (long i = lo; i < hi; i++) {
                        write(p.outOffset + o.b, scan(p.inOffset + o.a, n));
                        o.next();
                    }
                });
                return;
            }
            long tasks = outputs * split;
            long[] found = new long[Math.toIntExact(tasks)];
            Parallel.forRange(tasks, 1, (lo, hi) -> {
                ReduceOdometer o = new ReduceOdometer(p.keptN, p.keptIn, p.keptOut);
                for (long task = lo; task < hi; task++) {
                    o.seek(task / split);
                    long c0 = task % split * CHUNK;
                    found[(int) task] = c0 + scan(p.inOffset + o.a + c0 * stride, Math.min(CHUNK, n - c0));
                }
            });
            ReduceOdometer o = new ReduceOdometer(p.keptN, p.keptIn, p.keptOut);
            for (long i = 0; i < outputs; i++) {
                long base = p.inOffset + o.a;
                int first = (int) (i * split);
                long best = found[first];
                for (int c = 1; c < split; c++) {
                    long cand = found[first + c];
                    if (better(base + cand * stride, base + best * stride)) best = cand;
                }
                write(p.outOffset + o.b, best);
                o.next();
            }
        }

        private void write(long outIndex, long index) {
            out.setAtIndex(I32, outIndex, (int) index);
        }

        /** True when the element at {@code cand} beats the one at {@code best} (cand comes later). */
        private boolean better(long cand, long best) {
            if (t.isFloating()) {
                return betterD(isMax, ElementAccess.getDouble(s, t, cand), ElementAccess.getDouble(s, t, best));
            }
            return betterL(isMax, key(ElementAccess.getLong(s, t, cand)), key(ElementAccess.getLong(s, t, best)));
        }

        /** uint64 compares unsigned: flip the sign bit so signed comparisons agree. */
        private long key(long v) {
            return t == DType.UINT64 ? v ^ Long.MIN_VALUE : v;
        }

        /** Index in [0, m) of the arg among m elements at {@code off + i*stride}. */
        long scan(long off, long m) {
            if (stride == 1) {
                switch (t) {
                    case FLOAT32 -> { return ArgScanFloat.arg(isMax, s, off * 4, m); }
                    case FLOAT64 -> { return ArgScanDouble.arg(isMax, s, off * 8, m); }
                    case INT32 -> { return ArgScanInt.arg(isMax, s, off * 4, m); }
                    case INT64 -> { return ArgScanLong.arg(isMax, s, off * 8, m); }
                    default -> { }
                }
            }
            if (t == DType.COMPLEX64) return argComplex(off, m);
            ReduceScratch sc = ReduceScratch.get();
            long bestIdx = 0;
            double bestD = 0;
            long bestL = 0;
            for (long i = 0; i < m; i += ReduceScratch.PIECE) {
                int k = (int) Math.min(ReduceScratch.PIECE, m - i);
                long at = off + i * stride;
                if (t.isFloating()) {
                    long j;
                    double v;
                    if (t == DType.FLOAT64) {
                        MemorySegment b = sc.loadDoubles(s, at, stride, k);
                        j = ArgScanDouble.arg(isMax, b, 0, k);
                        v = b.getAtIndex(F64, j);
                    } else {
                        MemorySegment b = sc.loadFloats(s, t, at, stride, k);
                        j = ArgScanFloat.arg(isMax, b, 0, k);
                        v = b.getAtIndex(F32, j);
                    }
                    if (i == 0 || betterD(isMax, v, bestD)) {
                        bestD = v;
                        bestIdx = i + j;
                    }
                } else {
                    MemorySegment b = sc.loadLongs(s, t, at, stride, k);
                    if (t == DType.UINT64) flipSigns(b, k);
                    long j = ArgScanLong.arg(isMax, b, 0, k);
                    long v = b.getAtIndex(I64, j);
                    if (i == 0 || betterL(isMax, v, bestL)) {
                        bestL = v;
                        bestIdx = i + j;
                    }
                }
            }
            return bestIdx;
        }

        private long argComplex(long off, long m) {
            long bestIdx = 0;
            double br = 0, bi = 0;
            for (long i = 0; i < m; i++) {
                long e = 2 * (off + i * stride);
                double r = s.getAtIndex(F32, e), im = s.getAtIndex(F32, e + 1);
                if (Double.isNaN(r) || Double.isNaN(im)) return i;
                boolean take = i == 0 || (isMax ? r > br || (r == br && im > bi) : r < br || (r == br && im < bi));
                if (take) {
                    br = r;
                    bi = im;
                    bestIdx = i;
                }
            }
            return bestIdx;
        }

        /** Kept innermost axis contiguous: scan whole rows of a tile of outputs at a time. */
        private void columns(ReducePlan p) {
            int nk = p.keptN.length;
            long cols = p.keptN[nk - 1];
            long colOut = p.keptOut[nk - 1];
            long[] kn = Arrays.copyOf(p.keptN, nk - 1);
            long[] ki = Arrays.copyOf(p.keptIn, nk - 1);
            long[] ko = Arrays.copyOf(p.keptOut, nk - 1);
            long tiles = (cols + TILE - 1) / TILE;
            long tasks = ReduceOdometer.count(kn) * tiles;
            long work = n * Math.min(cols, TILE);
            Parallel.forRange(tasks, Math.max(1, Parallel.DEFAULT_GRAIN / work), (lo, hi) -> {
                ReduceScratch sc = ReduceScratch.get();
                ReduceOdometer o = new ReduceOdometer(kn, ki, ko);
                for (long task = lo; task < hi; task++) {
                    o.seek(task / tiles);
                    long c0 = task % tiles * TILE;
                    int w = (int) Math.min(TILE, cols - c0);
                    long base = p.inOffset + o.a + c0;
                    int[] idx = sc.colI;
                    Arrays.fill(idx, 0, w, 0);
                    if (t.isFloating() && t != DType.FLOAT64) columnsF(sc, base, w);
                    else if (t == DType.FLOAT64) columnsD(sc, base, w);
                    else columnsL(sc, base, w);
                    long ob = p.outOffset + o.b + c0 * colOut;
                    for (int c = 0; c < w; c++) write(ob + c * colOut, idx[c]);
                }
            });
        }

        private void columnsF(ReduceScratch sc, long base, int w) {
            float[] best = sc.colF;
            int[] idx = sc.colI;
            for (long k = 0; k < n; k++) {
                MemorySegment row = s;
                long off = (base + k * stride) * 4;
                if (t != DType.FLOAT32) {
                    row = sc.loadFloats(s, t, base + k * stride, 1, w);
                    off = 0;
                }
                if (k == 0) MemorySegment.copy(row, F32, off, best, 0, w);
                else updateF(isMax, best, idx, row, off, w, (int) k);
            }
        }

        private void columnsD(ReduceScratch sc, long base, int w) {
            double[] best = sc.colD;
            int[] idx = sc.colI;
            MemorySegment.copy(s, F64, base * 8, best, 0, w);
            for (long k = 1; k < n; k++) {
                long off = base + k * stride;
                for (int c = 0; c < w; c++) {
                    double v = s.getAtIndex(F64, off + c);
                    if (betterD(isMax, v, best[c])) {
                        best[c] = v;
                        idx[c] = (int) k;
                    }
                }
            }
        }

        private void columnsL(ReduceScratch sc, long base, int w) {
            long[] best = sc.colL;
            int[] idx = sc.colI;
            for (long k = 0; k < n; k++) {
                MemorySegment row = sc.loadLongs(s, t, base + k * stride, 1, w);
                if (t == DType.UINT64) flipSigns(row, w);
                if (k == 0) {
                    MemorySegment.copy(row, I64, 0, best, 0, w);
                    continue;
                }
                for (int c = 0; c < w; c++) {
                    long v = row.getAtIndex(I64, c);
                    if (betterL(isMax, v, best[c])) {
                        best[c] = v;
                        idx[c] = (int) k;
                    }
                }
            }
        }
    }

    static boolean betterD(boolean isMax, double cand, double best) {
        if (best != best) return false;
        if (cand != cand) return true;
        return isMax ? cand > best : cand < best;
    }

    static boolean betterL(boolean isMax, long cand, long best) {
        return isMax ? cand > best : cand < best;
    }

    private static void flipSigns(MemorySegment b, int k) {
        for (int i = 0; i < k; i++) b.setAtIndex(I64, i, b.getAtIndex(I64, i) ^ Long.MIN_VALUE);
    }

    /** best[c], idx[c] = row[c], k where row[c] beats best[c] (later rows win only strictly; NaN wins once). */
    private static void updateF(boolean isMax, float[] best, int[] idx, MemorySegment s, long off, int w, int k) {
        int ub = FS.loopBound(w);
        IntVector kv = IntVector.broadcast(FIS, k);
        int c = 0;
        for (; c < ub; c += FS.length()) {
            FloatVector v = FloatVector.fromMemorySegment(FS, s, off + c * 4L, NO);
            FloatVector b = FloatVector.fromArray(FS, best, c);
            VectorMask<Float> m = isMax ? v.compare(VectorOperators.GT, b) : v.compare(VectorOperators.LT, b);
            m = m.or(v.compare(VectorOperators.NE, v)).andNot(b.compare(VectorOperators.NE, b));
            b.blend(v, m).intoArray(best, c);
            IntVector.fromArray(FIS, idx, c).blend(kv, m.cast(FIS)).intoArray(idx, c);
        }
        for (; c < w; c++) {
            float v = s.get(F32, off + c * 4L);
            if (betterD(isMax, v, best[c])) {
                best[c] = v;
                idx[c] = k;
            }
        }
    }
}
