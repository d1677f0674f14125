package org.mlx4j.core.backend.cpu;

import java.util.Arrays;

/**
 * The iteration space of an element-wise kernel whose output is row-major contiguous: axes of extent 1
 * dropped and neighbouring axes merged wherever every input can walk them as one axis. After collapsing,
 * a contiguous or scalar-broadcast problem has at most one axis, and the general one iterates its innermost
 * axis as rows, each input with its own inner stride.
 *
 * @param shape   collapsed extents (empty for a single element); merged extents may pass the int range
 * @param strides per input, its strides over {@code shape} in elements
 */
record BinaryShapes(long[] shape, long[][] strides) {

    /** A visitor of one run of the innermost axis. */
    @FunctionalInterface
    interface RowVisitor {
        /**
         * @param starts element index of each input at the first element of the run
         * @param out    flat output index of the first element of the run
         * @param length elements in the run
         */
        void row(long[] starts, long out, long length);
    }

    static BinaryShapes collapse(int[] shape, long[]... inputStrides) {
        int k = inputStrides.length;
        long[] sh = new long[shape.length];
        long[][] st = new long[k][shape.length];
        int nd = 0;
        // Walk from the innermost axis outwards, merging axis i into the current innermost kept axis.
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] == 1) continue;
            if (nd > 0 && mergeable(i, inputStrides, st, sh[nd - 1], nd - 1)) {
                sh[nd - 1] *= shape[i];
                continue;
            }
            sh[nd] = shape[i];
            for (int j = 0; j < k; j++) st[j][nd] = inputStrides[j][i];
            nd++;
        }
        // Reverse into outer-to-inner order.
        long[] outShape = new long[nd];
        long[][] outStrides = new long[k][nd];
        for (int d = 0; d < nd; d++) {
            outShape[d] = sh[nd - 1 - d];
            for (int j = 0; j < k; j++) outStrides[j][d] = st[j][nd - 1 - d];
        }
        return new BinaryShapes(outShape, outStrides);
    }

    private static boolean mergeable(int axis, long[][] inputStrides, long[][] kept, long keptExtent, int keptAxis) {
        for (int j = 0; j < inputStrides.length; j++) {
            if (inputStrides[j][axis] != kept[j][keptAxis] * keptExtent) return false;
        }
        return true;
    }

    /** Inner (last-axis) stride of input {@code j}; 0 when there is no axis (a single element). */
    long innerStride(int j) { return shape.length == 0 ? 0 : strides[j][shape.length - 1]; }

    /**
     * Visits the runs of the innermost axis covering flat output indices {@code [start, end)}, splitting the
     * first and last rows where the range does.
     *
     * @param bases element index of each input's first element
     */
    void forEachRow(long[] bases, long start, long end, RowVisitor visitor) {
        int nd = shape.length, k = bases.length;
        long[] starts = bases.clone();
        if (nd == 0) {
            if (start < end) visitor.row(starts, 0, 1);
            return;
        }
        long[] idx = new long[nd];
        long rest = start;
        for (int d = nd - 1; d >= 0; d--) {
            idx[d] = rest % shape[d];
            rest /= shape[d];
            for (int j = 0; j < k; j++) starts[j] += idx[d] * strides[j][d];
        }
        long inner = shape[nd - 1];
        long pos = start;
        while (pos < end) {
            long len = Math.min(inner - idx[nd - 1], end - pos);
            visitor.row(starts, pos, len);
            pos += len;
            if (pos >= end) break;
            // Move to the start of the next row: rewind the inner axis, then carry through the outer axes.
            for (int j = 0; j < k; j++) starts[j] -= idx[nd - 1] * strides[j][nd - 1];
            idx[nd - 1] = 0;
            for (int d = nd - 2; d >= 0; d--) {
                idx[d]++;
                for (int j = 0; j < k; j++) starts[j] += strides[j][d];
                if (idx[d] < shape[d]) break;
                for (int j = 0; j < k; j++) starts[j] -= shape[d] * strides[j][d];
                idx[d] = 0;
            }
        }
    }

    @Override
    public String toString() {
        return "BinaryShapes[shape=" + Arrays.toString(shape) + " strides=" + Arrays.deepToString(strides) + "]";
    }
}
