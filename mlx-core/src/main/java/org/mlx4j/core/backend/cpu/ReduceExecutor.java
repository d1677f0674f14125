package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.mlx4j.core.DType;

/**
 * Runs a {@link ReducePlan} with a {@link ReduceFamily}, choosing between the two shapes of loop
 * MLX's CPU backend uses:
 * <ul>
 *   <li>run reduce: the innermost reduced axis is folded as runs (vectorised when contiguous),
 *       one output at a time; covers the whole-array reduction and trailing-axis (row) reductions;</li>
 *   <li>column reduce: the innermost axis is kept and contiguous, so whole rows of a tile of
 *       outputs are folded with vector operations, never gathering strided elements.</li>
 * </ul>
 * Work is split across outputs (or column tiles) when there are many, and across the reduced
 * elements of each output (partials merged in order) when there are few large ones.
 */
final class ReduceExecutor {
    /** Input elements per task when one output's reduction is split. */
    static final long CHUNK = 1 << 16;
    /** Columns per tile in the column reduce. */
    static final int TILE = ReduceScratch.PIECE;
    /** Rows handed to one {@link ReduceFamily#columns} call (bounds float32 partial sums). */
    static final int FLUSH = 256;
    /** Outputs per {@link ReduceFamily#runs} call. */
    static final int BATCH = 256;

    private final ReducePlan p;
    private final ReduceFamily f;
    private final MemorySegment src;
    private final MemorySegment dst;
    private final DType outType;
    private final int w;

    private ReduceExecutor(ReducePlan p, ReduceFamily f, MemorySegment src, MemorySegment dst, DType outType) {
        this.p = p;
        this.f = f;
        this.src = src;
        this.dst = dst;
        this.outType = outType;
        this.w = f.width();
    }

    static void execute(ReducePlan p, ReduceFamily f, StridedView in, StridedView out) {
        ReduceExecutor ex = new ReduceExecutor(p, f, in.segment(), out.segment(), out.dtype());
        if (p.emptyReduction) {
            ex.fillIdentity(out.offset(), out.size());
            return;
        }
        if (p.isColumnReduce()) ex.columnReduce();
        else ex.runReduce();
        expand(out, p.expandAxes);
    }

    private void fillIdentity(long offset, long n) {
        long[] acc = new long[w];
        f.fillEmpty(acc);
        for (long i = 0; i < n; i++) f.write(acc, 0, dst, outType, offset + i);
    }

    private void finish(long[] acc, int slot, long outIndex) {
        if (p.repeat > 1) f.repeat(acc, slot, p.repeat);
        f.write(acc, slot, dst, outType, outIndex);
    }

    private static long ceilDiv(long a, long b) { return (a + b - 1) / b; }

    // ---- run reduce ----

    private void runReduce() {
        int nr = p.redN.length;
        long runLen = nr == 0 ? 1 : p.redN[nr - 1];
        long runStride = nr == 0 ? 1 : p.redIn[nr - 1];
        long[] rn = Arrays.copyOf(p.redN, Math.max(0, nr - 1));
        long[] ri = Arrays.copyOf(p.redIn, Math.max(0, nr - 1));
        long outputs = p.outputs();
        long m = ReduceOdometer.count(rn) * runLen;
        long split = outputs < 4L * Parallel.threads() && m >= 2 * CHUNK ? ceilDiv(m, CHUNK) : 1;
        if (split == 1 && rn.length == 0 && p.keptN.length > 0) {
            runBatches(outputs, runLen, runStride);
            return;
        }
        if (split == 1) {
            Parallel.forRange(outputs, Math.max(1, Parallel.DEFAULT_GRAIN / m), (lo, hi) -> {
                long[] acc = new long[w];
                ReduceOdometer out = new ReduceOdometer(p.keptN, p.keptIn, p.keptOut);
                ReduceOdometer red = new ReduceOdometer(rn, ri, null);
                out.seek(lo);
                for (long o = lo; o < hi; o++) {
                    f.fill(acc, 0, 1);
                    fold(acc, 0, red, p.inOffset + out.a, runLen, runStride, 0, m);
                    finish(acc, 0, p.outOffset + out.b);
                    out.next();
                }
            });
            return;
        }
        long tasks = outputs * split;
        long[] acc = new long[Math.toIntExact(tasks * w)];
        f.fill(acc, 0, (int) tasks);
        Parallel.forRange(tasks, 1, (lo, hi) -> {
            ReduceOdometer out = new ReduceOdometer(p.keptN, p.keptIn, p.keptOut);
            ReduceOdometer red = new ReduceOdometer(rn, ri, null);
            for (long t = lo; t < hi; t++) {
                out.seek(t / split);
                long c = t % split;
                fold(acc, (int) t, red, p.inOffset + out.a, runLen, runStride, c * CHUNK, Math.min(m, (c + 1) * CHUNK));
            }
        });
        ReduceOdometer out = new ReduceOdometer(p.keptN, p.keptIn, p.keptOut);
        for (long o = 0; o < outputs; o++) {
            int first = (int) (o * split);
            for (int c = 1; c < split; c++) f.merge(acc, first, acc, first + c);
            finish(acc, first, p.outOffset + out.b);
            out.next();
        }
    }

    /** One run per output: outputs go in batches along the innermost kept axis, one call per batch. */
    private void runBatches(long outputs, long runLen, long runStride) {
        int nk = p.keptN.length;
        long inner = p.keptN[nk - 1], innerIn = p.keptIn[nk - 1], innerOut = p.keptOut[nk - 1];
        long[] kn = Arrays.copyOf(p.keptN, nk - 1);
        long[] ki = Arrays.copyOf(p.keptIn, nk - 1);
        long[] ko = Arrays.copyOf(p.keptOut, nk - 1);
        Parallel.forRange(outputs, Math.max(1, Parallel.DEFAULT_GRAIN / runLen), (lo, hi) -> {
            long[] acc = new long[BATCH * w];
            ReduceOdometer out = new ReduceOdometer(kn, ki, ko);
            for (long o = lo; o < hi; ) {
                long j = o % inner;
                out.seek(o / inner);
                int cnt = (int) Math.min(BATCH, Math.min(inner - j, hi - o));
                f.fill(acc, 0, cnt);
                f.runs(acc, 0, cnt, src, p.inOffset + out.a + j * innerIn, innerIn, runStride, runLen);
                long ob = p.outOffset + out.b + j * innerOut;
                for (int k = 0; k < cnt; k++) finish(acc, k, ob + k * innerOut);
                o += cnt;
            }
        });
    }

    /** Folds reduced elements [lo, hi) (row-major over outer reduced axes, then the run) of one output. */
    private void fold(long[] acc, int slot, ReduceOdometer red, long base, long runLen, long runStride,
                      long lo, long hi) {
        long pos = lo == 0 ? 0 : lo % runLen;
        red.seek(lo == 0 ? 0 : lo / runLen);
        while (lo < hi) {
            long n = Math.min(runLen - pos, hi - lo);
            f.run(acc, slot, src, base + red.a + pos * runStride, runStride, n);
            lo += n;
            pos = 0;
            red.next();
        }
    }

    // ---- column reduce ----

    private void columnReduce() {
        int nk = p.keptN.length;
        long cols = p.keptN[nk - 1];
        long colOut = p.keptOut[nk - 1];
        long[] kn = Arrays.copyOf(p.keptN, nk - 1);
        long[] ki = Arrays.copyOf(p.keptIn, nk - 1);
        long[] ko = Arrays.copyOf(p.keptOut, nk - 1);
        long rowsTotal = p.reducedCount();
        long tiles = ceilDiv(cols, TILE);
        long tasks = ReduceOdometer.count(kn) * tiles;
        int tileW = (int) Math.min(cols, TILE);
        long targets = 4L * Parallel.threads();
        long split = 1;
        if (tasks < targets && rowsTotal * tileW >= 2 * CHUNK) {
            split = Math.min(ceilDiv(rowsTotal * tileW, CHUNK), ceilDiv(targets, tasks));
        }
        long rowsPer = ceilDiv(rowsTotal, split);
        // narrow columns over back-to-back rows: fold contiguous stretches, no per-row bookkeeping
        boolean narrow = cols < ReduceFamily.NARROW && p.redN.length > 0 && p.redIn[p.redIn.length - 1] == cols;
        long nsplit = ceilDiv(rowsTotal, rowsPer);
        if (nsplit == 1) {
            Parallel.forRange(tasks, Math.max(1, Parallel.DEFAULT_GRAIN / (rowsTotal * tileW)), (lo, hi) -> {
                long[] acc = new long[TILE * w];
                long[] rows = new long[ReduceFamily.batchRows(tileW, FLUSH)];
                ReduceOdometer out = new ReduceOdometer(kn, ki, ko);
                ReduceOdometer red = new ReduceOdometer(p.redN, p.redIn, null);
                for (long t = lo; t < hi; t++) {
                    out.seek(t / tiles);
                    long c0 = (t % tiles) * TILE;
                    int cw = (int) Math.min(TILE, cols - c0);
                    f.fill(acc, 0, cw);
                    foldRows(acc, 0, red, rows, p.inOffset + out.a + c0, cw, 0, rowsTotal, narrow);
                    for (int c = 0; c < cw; c++) finish(acc, c, p.outOffset + out.b + (c0 + c) * colOut);
                }
            });
            return;
        }
        long parts = tasks * nsplit;
        long[] acc = new long[Math.toIntExact(parts * tileW * w)];
        f.fill(acc, 0, (int) (parts * tileW));
        Parallel.forRange(parts, 1, (lo, hi) -> {
            long[] rows = new long[ReduceFamily.batchRows(tileW, FLUSH)];
            ReduceOdometer out = new ReduceOdometer(kn, ki, ko);
            ReduceOdometer red = new ReduceOdometer(p.redN, p.redIn, null);
            for (long t = lo; t < hi; t++) {
                long task = t / nsplit, part = t % nsplit;
                out.seek(task / tiles);
                long c0 = (task % tiles) * TILE;
                int cw = (int) Math.min(TILE, cols - c0);
                foldRows(acc, (int) (t * tileW), red, rows, p.inOffset + out.a + c0, cw,
                        part * rowsPer, Math.min(rowsTotal, (part + 1) * rowsPer), narrow);
            }
        });
        ReduceOdometer out = new ReduceOdometer(kn, ki, ko);
        for (long task = 0; task < tasks; task++) {
            out.seek(task / tiles);
            long c0 = (task % tiles) * TILE;
            int cw = (int) Math.min(TILE, cols - c0);
            int first = (int) (task * nsplit * tileW);
            for (int part = 1; part < nsplit; part++) {
                for (int c = 0; c < cw; c++) f.merge(acc, first + c, acc, first + part * tileW + c);
            }
            for (int c = 0; c < cw; c++) finish(acc, first + c, p.outOffset + out.b + (c0 + c) * colOut);
        }
    }

    /** Folds reduced rows [r0, r1) of a tile of {@code cw} columns starting at element {@code base}. */
    private void foldRows(long[] acc, int slot, ReduceOdometer red, long[] rows, long base, int cw, long r0, long r1,
                          boolean narrow) {
        red.seek(r0);
        for (long r = r0; r < r1; ) {
            if (narrow) {
                long m = Math.min(Math.min(red.innerRemaining(), r1 - r), rows.length);
                f.block(acc, slot, src, base + red.a, cw, m * cw);
                red.advance(m);
                r += m;
                continue;
            }
            int nb = (int) Math.min(rows.length, r1 - r);
            red.fill(rows, nb);
            f.columns(acc, slot, src, base, cw, rows, nb);
            r += nb;
        }
    }

    // ---- broadcast kept axes ----

    /**
     * Copies the values computed at index 0 of each broadcast kept axis to the other indices.
     * {@code out} is row-major contiguous; axes are expanded innermost first, each copying whole
     * contiguous blocks.
     */
    static void expand(StridedView out, int[] axes) {
        if (axes.length == 0) return;
        int[] shape = out.shape();
        long esz = out.dtype().size();
        MemorySegment seg = out.segment();
        for (int k = axes.length - 1; k >= 0; k--) {
            int b = axes[k];
            long inner = 1;
            for (int i = b + 1; i < shape.length; i++) inner *= shape[i];
            long outer = 1;
            for (int i = 0; i < b; i++) outer *= shape[i];
            long block = inner * esz;
            for (long o = 0; o < outer; o++) {
                if (!atZero(o, shape, b, axes, k)) continue;
                long base = (out.offset() + o * shape[b] * inner) * esz;
                for (long j = 1; j < shape[b]; j++) MemorySegment.copy(seg, base, seg, base + j * block, block);
            }
        }
    }

    /** True when the outer position {@code o} (over axes [0, b)) has index 0 on expand axes[0..k). */
    private static boolean atZero(long o, int[] shape, int b, int[] axes, int k) {
        for (int i = b - 1; i >= 0; i--) {
            long idx = o % shape[i];
            o /= shape[i];
            for (int j = 0; j < k; j++) if (axes[j] == i && idx != 0) return false;
        }
        return true;
    }
}
