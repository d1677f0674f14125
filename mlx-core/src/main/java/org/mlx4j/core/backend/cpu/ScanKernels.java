package org.mlx4j.core.backend.cpu;

import java.util.Arrays;
import org.mlx4j.core.DType;

/**
 * Cumulative sum, product, max, min and logaddexp along one axis (MLX's Scan primitive).
 *
 * <p>The output dtype decides the accumulator: float for float32/float16/bfloat16 (halves are
 * rounded only when stored), double for float64, 64-bit wrapping integers for integer and bool
 * outputs (inputs of another dtype are converted to the output dtype first), and complex for
 * complex64 (sum, prod, and max/min ordering by real then imaginary part). MAX and MIN propagate
 * NaN, like {@code np.maximum.accumulate}. An exclusive scan starts from the identity: 0, 1, the
 * dtype's lowest value (-inf for floats) for MAX, its highest for MIN, -inf for LOGADDEXP.
 *
 * <p>Along the innermost axis each row is scanned in blocks with a running carry; along any other
 * axis a tile of columns is carried as a vector, so every pass reads and writes contiguous blocks.
 */
public final class ScanKernels {
    private ScanKernels() {}

    public enum Op { SUM, PROD, MAX, MIN, LOGADDEXP }

    /** The lanes' combine code of a scan op. */
    private static int combineCode(Op op) {
        return switch (op) {
            case SUM -> ScanKernelsLane.SUM;
            case PROD -> ScanKernelsLane.PROD;
            case MAX -> ScanKernelsLane.MAX;
            case MIN -> ScanKernelsLane.MIN;
            case LOGADDEXP -> ScanKernelsLane.LOGADDEXP;
        };
    }

    /** Elements per block when scanning a row. */
    private static final int ROW_BLOCK = 4096;
    /** Columns carried together when scanning along an outer axis. */
    private static final int COLUMN_TILE = 2048;

    /**
     * Cumulative op along {@code axis} (out same shape; dtype given by out, accumulate wide for halves).
     * reverse scans from the end; exclusive (inclusive=false) shifts by one and starts from the identity.
     */
    public static void scan(Op op, StridedView in, int axis, boolean reverse, boolean inclusive, StridedView out) {
        String name = "scan(" + op.name().toLowerCase(java.util.Locale.ROOT) + ")";
        GatherKernelsRegion.requireContiguousOut(name, out);
        if (!Arrays.equals(in.shape(), out.shape())) {
            throw new IllegalArgumentException(name + ": output shape " + Arrays.toString(out.shape())
                    + " differs from input shape " + Arrays.toString(in.shape()));
        }
        int ax = GatherKernelsRegion.axis(name, axis, in.ndim());
        DType od = out.dtype();
        if (in.dtype().isComplex() && !od.isComplex()) {
            throw new IllegalArgumentException(name + ": cannot scan complex64 input into " + od.mlxName());
        }
        if (od.isComplex() && op == Op.LOGADDEXP) {
            throw new IllegalArgumentException(name + ": logaddexp is not defined for complex64");
        }
        if (in.size() == 0) return;

        int[] shape = in.shape();
        int n = shape[ax];
        long outer = GatherKernelsRegion.extent(shape, 0, ax);
        long inner = GatherKernelsRegion.extent(shape, ax + 1, shape.length);
        GatherKernelsRegion outerRegion = GatherKernelsRegion.ofAxes(shape, 0, ax, in.strides());
        GatherKernelsRegion innerRegion = GatherKernelsRegion.ofAxes(shape, ax + 1, shape.length, in.strides());
        var plan = new Plan(combineCode(op), in, out, n, in.strides()[ax], inner, outerRegion, innerRegion, reverse, inclusive);
        if (od.isComplex()) {
            ScanKernelsComplex.scan(plan, outer);
        } else if (inner == 1) {
            Parallel.forRange(outer, Math.max(1, Parallel.DEFAULT_GRAIN / n), (o0, o1) -> scanRows(plan, o0, o1));
        } else {
            int width = (int) Math.min(inner, COLUMN_TILE);
            long tiles = (inner + width - 1) / width;
            Parallel.forRange(outer * tiles, Math.max(1, Parallel.DEFAULT_GRAIN / ((long) n * width)),
                    (u0, u1) -> scanColumns(plan, width, tiles, u0, u1));
        }
    }

    /** Everything a worker needs; the op code is ScanKernelsLane's (same order as {@link Op}). */
    record Plan(int op, StridedView in, StridedView out, int n, long axisStride, long inner,
                GatherKernelsRegion outerRegion, GatherKernelsRegion innerRegion, boolean reverse, boolean inclusive) {}

    /** Scans whole rows along the innermost (non-trivial) axis, block by block with a carry. */
    private static void scanRows(Plan p, long o0, long o1) {
        int n = p.n;
        int block = Math.min(n, ROW_BLOCK);
        ScanKernelsLane lane = ScanKernelsLane.forOutput(p.op, p.out.dtype(), block, false);
        var in = p.in;
        var out = p.out;
        long outerStride = p.outerRegion.innerStride(0);
        p.outerRegion.forEachRun(o0, o1 - o0, (offs, at, len) -> {
            for (int t = 0; t < len; t++) {
                long o = o0 + at + t;
                long inRow = in.offset() + offs[0] + t * outerStride;
                long outRow = o * n;
                lane.resetCarry(p.inclusive);
                for (int done = 0; done < n; done += block) {
                    int m = Math.min(block, n - done);
                    int start = p.reverse ? n - done - m : done;
                    lane.read(in.segment(), in.dtype(), inRow + start * p.axisStride, p.axisStride, 0, m);
                    lane.scanBuf(m, p.reverse, p.inclusive);
                    lane.writeBuf(out.segment(), out.dtype(), outRow + start, 1, 0, m);
                }
            }
        });
    }

    /** Scans along an outer axis: each unit is one outer index and one tile of the trailing columns. */
    private static void scanColumns(Plan p, int width, long tiles, long u0, long u1) {
        ScanKernelsLane lane = ScanKernelsLane.forOutput(p.op, p.out.dtype(), width, true);
        var in = p.in;
        var out = p.out;
        int n = p.n;
        GatherKernelsRegion cols = p.innerRegion;
        for (long u = u0; u < u1; u++) {
            long o = u / tiles;
            long k0 = (u - o * tiles) * width;
            int w = (int) Math.min(width, p.inner - k0);
            long inBase = in.offset() + p.outerRegion.offset(0, o);
            long outBase = o * n * p.inner + k0;
            lane.resetAcc(w, p.inclusive);
            for (int jj = 0; jj < n; jj++) {
                int j = p.reverse ? n - 1 - jj : jj;
                long rowBase = inBase + j * p.axisStride;
                if (cols.ndim() <= 1) {
                    long st = cols.innerStride(0);
                    lane.read(in.segment(), in.dtype(), rowBase + k0 * st, st, 0, w);
                } else {
                    cols.forEachRun(k0, w, (offs, at, len) -> lane.read(in.segment(), in.dtype(),
                            rowBase + offs[0], cols.innerStride(0), (int) at, len));
                }
                lane.combineColumns(w, p.inclusive);
                lane.writeBuf(out.segment(), out.dtype(), outBase + j * p.inner, 1, 0, w);
            }
        }
    }
}
