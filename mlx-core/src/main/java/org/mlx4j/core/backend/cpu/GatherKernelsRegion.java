package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A row-major index space walked by one or more strided views at once (the same positions, each
 * view with its own strides). Size-1 axes are dropped and neighbouring axes are merged when every
 * view allows it, so a contiguous block becomes one long run. Shared by the scan, sort, gather and
 * scatter kernels.
 */
final class GatherKernelsRegion {
    /** Collapsed extents, outermost first. */
    final int[] shape;
    /** strides[view][axis] of the collapsed axes, in elements. */
    final long[][] strides;
    final long size;

    private GatherKernelsRegion(int[] shape, long[][] strides, long size) {
        this.shape = shape;
        this.strides = strides;
        this.size = size;
    }

    /** The region of {@code shape} with one stride array per view (each as long as shape). */
    static GatherKernelsRegion of(int[] shape, long[]... viewStrides) {
        long size = StridedView.sizeOf(shape);
        int views = viewStrides.length;
        int[] s = new int[shape.length];
        long[][] st = new long[views][shape.length];
        int nd = 0;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 1 && size != 0) continue;
            if (nd > 0 && mergeable(st, nd - 1, viewStrides, d, shape[d])) {
                s[nd - 1] *= shape[d];
                for (int v = 0; v < views; v++) st[v][nd - 1] = viewStrides[v][d];
                continue;
            }
            s[nd] = shape[d];
            for (int v = 0; v < views; v++) st[v][nd] = viewStrides[v][d];
            nd++;
        }
        long[][] trimmed = new long[views][];
        for (int v = 0; v < views; v++) trimmed[v] = Arrays.copyOf(st[v], nd);
        return new GatherKernelsRegion(Arrays.copyOf(s, nd), trimmed, size);
    }

    /** Axis {@code prev} (already collapsed) can absorb {@code d} when it steps over exactly one block of d. */
    private static boolean mergeable(long[][] st, int prev, long[][] viewStrides, int d, int extent) {
        for (int v = 0; v < st.length; v++) {
            if (st[v][prev] != viewStrides[v][d] * extent) return false;
        }
        return true;
    }

    /** The sub-shape {@code shape[from, to)} and matching strides of each view. */
    static GatherKernelsRegion ofAxes(int[] shape, int from, int to, long[]... viewStrides) {
        long[][] st = new long[viewStrides.length][];
        for (int v = 0; v < st.length; v++) st[v] = Arrays.copyOfRange(viewStrides[v], from, to);
        return of(Arrays.copyOfRange(shape, from, to), st);
    }

    int ndim() { return shape.length; }

    /** Length of the innermost run (1 for a scalar region). */
    int innerLength() { return shape.length == 0 ? 1 : shape[shape.length - 1]; }

    /** Stride of the innermost axis for a view (0 for a scalar region). */
    long innerStride(int view) { return shape.length == 0 ? 0 : strides[view][shape.length - 1]; }

    /** Offset (relative to the view's start) of the element at row-major position {@code linear}. */
    long offset(int view, long linear) {
        long off = 0;
        long[] st = strides[view];
        for (int d = shape.length - 1; d >= 0 && linear != 0; d--) {
            long q = linear / shape[d];
            off += (linear - q * shape[d]) * st[d];
            linear = q;
        }
        return off;
    }

    /** Receives one run of consecutive positions along the innermost axis. */
    @FunctionalInterface
    interface Run {
        /**
         * @param offs offset of the run's first element for each view (read only; reused)
         * @param at   position of that element counted from the walk's start
         * @param len  number of positions in the run
         */
        void accept(long[] offs, long at, int len);
    }

    /** Walks positions {@code [start, start + count)} in row-major order as runs along the innermost axis. */
    void forEachRun(long start, long count, Run run) {
        if (count <= 0) return;
        int views = strides.length;
        long[] offs = new long[views];
        int nd = shape.length;
        if (nd == 0) {
            run.accept(offs, 0, 1);
            return;
        }
        int[] idx = new int[nd];
        long rem = start;
        for (int d = nd - 1; d >= 0; d--) {
            long q = rem / shape[d];
            idx[d] = (int) (rem - q * shape[d]);
            rem = q;
            for (int v = 0; v < views; v++) offs[v] += idx[d] * strides[v][d];
        }
        int last = nd - 1;
        long done = 0;
        while (true) {
            int len = (int) Math.min(shape[last] - idx[last], count - done);
            run.accept(offs, done, len);
            done += len;
            if (done >= count) return;
            // The run ended at the end of the innermost axis: carry into the outer ones.
            for (int v = 0; v < views; v++) offs[v] -= (long) idx[last] * strides[v][last];
            idx[last] = 0;
            for (int d = last - 1; d >= 0; d--) {
                for (int v = 0; v < views; v++) offs[v] += strides[v][d];
                if (++idx[d] < shape[d]) break;
                for (int v = 0; v < views; v++) offs[v] -= (long) shape[d] * strides[v][d];
                idx[d] = 0;
            }
        }
    }

    /**
     * Copies every element of view {@code view} of this region, starting at {@code srcOff} of
     * {@code src}, to {@code dst} at {@code dstOff} onwards in row-major order, as raw elements of
     * {@code bytes} bytes.
     */
    void copyToContiguous(int view, MemorySegment src, long srcOff, MemorySegment dst, long dstOff, int bytes) {
        int nd = shape.length;
        if (nd == 0) {
            ScanKernelsBlocks.copyElement(src, srcOff, dst, dstOff, bytes);
            return;
        }
        long[] st = strides[view];
        int last = nd - 1;
        int len = shape[last];
        long inner = st[last];
        if (nd == 1) {
            ScanKernelsBlocks.copyRaw(src, srcOff, inner, dst, dstOff, 1, len, bytes);
            return;
        }
        int[] idx = new int[last];
        long off = srcOff;
        long runs = size / len;
        for (long q = 0; q < runs; q++) {
            ScanKernelsBlocks.copyRaw(src, off, inner, dst, dstOff + q * len, 1, len, bytes);
            for (int d = last - 1; d >= 0; d--) {
                off += st[d];
                if (++idx[d] < shape[d]) break;
                off -= (long) shape[d] * st[d];
                idx[d] = 0;
            }
        }
    }

    /** Product of {@code shape[from, to)}. */
    static long extent(int[] shape, int from, int to) {
        long n = 1;
        for (int d = from; d < to; d++) n *= shape[d];
        return n;
    }

    /** Normalises a possibly negative axis, naming the op in the error. */
    static int axis(String op, int axis, int ndim) {
        int a = axis < 0 ? axis + ndim : axis;
        if (a < 0 || a >= ndim) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for an array of "
                    + ndim + " dimension" + (ndim == 1 ? "" : "s"));
        }
        return a;
    }

    static void requireContiguousOut(String op, StridedView out) {
        if (out.offset() != 0 || !out.isRowContiguous()) {
            throw new IllegalArgumentException(op + ": the output must be row-major contiguous with offset 0, got " + out);
        }
    }

    static void requireIntegerIndices(String op, StridedView indices) {
        if (!indices.dtype().isInteger()) {
            throw new IllegalArgumentException(op + ": indices must have an integer dtype, got "
                    + indices.dtype().mlxName());
        }
    }

    static void requireSameDtype(String op, StridedView a, StridedView out) {
        if (a.dtype() != out.dtype()) {
            throw new IllegalArgumentException(op + ": the output dtype " + out.dtype().mlxName()
                    + " differs from the input dtype " + a.dtype().mlxName());
        }
    }
}
