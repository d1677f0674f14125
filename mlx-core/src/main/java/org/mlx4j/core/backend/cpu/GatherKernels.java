package org.mlx4j.core.backend.cpu;

import java.util.Arrays;
import org.mlx4j.core.DType;

/**
 * take, take_along_axis and MLX's general Gather. Elements are copied as raw bits (output dtype ==
 * input dtype); contiguous slices move with one bulk copy. Indices may have any integer dtype and
 * any strides; a negative index counts from the end of its axis, and an index still outside the
 * axis raises an {@link IndexOutOfBoundsException} naming it, the axis and the axis' extent.
 */
public final class GatherKernels {
    private GatherKernels() {}

    /** Indices read and checked per batch. */
    private static final int INDEX_BATCH = 1024;

    /**
     * take along one axis: out shape = in.shape[:axis] + indices.shape + in.shape[axis+1:];
     * indices any integer dtype, negative indices wrap (i + dim); out-of-range -> IndexOutOfBoundsException
     * naming the index, the axis and its extent (never an unchecked native read).
     */
    public static void take(StridedView in, StridedView indices, int axis, StridedView out) {
        String name = "take";
        GatherKernelsRegion.requireContiguousOut(name, out);
        GatherKernelsRegion.requireSameDtype(name, in, out);
        GatherKernelsRegion.requireIntegerIndices(name, indices);
        int ax = GatherKernelsRegion.axis(name, axis, in.ndim());
        int[] shape = in.shape();
        int[] expected = concat(Arrays.copyOfRange(shape, 0, ax), indices.shape(),
                Arrays.copyOfRange(shape, ax + 1, shape.length));
        requireShape(name, expected, out);
        if (out.size() == 0) return;

        int extent = shape[ax];
        long axisStride = in.strides()[ax];
        long m = indices.size();
        GatherKernelsRegion outerRegion = GatherKernelsRegion.ofAxes(shape, 0, ax, in.strides());
        GatherKernelsRegion slice = GatherKernelsRegion.ofAxes(shape, ax + 1, shape.length, in.strides());
        GatherKernelsRegion indexRegion = GatherKernelsRegion.of(indices.shape(), indices.strides());
        long sliceSize = slice.size;
        int bytes = in.dtype().size();
        long units = GatherKernelsRegion.extent(shape, 0, ax) * m;
        Parallel.forRange(units, Math.max(1, Parallel.DEFAULT_GRAIN / Math.max(1, sliceSize)), (u0, u1) -> {
            long[] idx = new long[(int) Math.min(INDEX_BATCH, m)];
            long u = u0;
            while (u < u1) {
                long o = u / m;
                long first = u - o * m;
                int count = (int) Math.min(Math.min(idx.length, m - first), u1 - u);
                readIndices(indices, indexRegion, first, count, idx);
                long inBase = in.offset() + outerRegion.offset(0, o);
                for (int i = 0; i < count; i++) idx[i] = checkIndex(name, indices.dtype(), idx[i], ax, extent, 1);
                if (sliceSize == 1) {
                    ScanKernelsBlocks.gatherRaw(in.segment(), inBase, axisStride, idx, out.segment(), u, count, bytes);
                } else {
                    for (int i = 0; i < count; i++) {
                        slice.copyToContiguous(0, in.segment(), inBase + idx[i] * axisStride, out.segment(),
                                (u + i) * sliceSize, bytes);
                    }
                }
                u += count;
            }
        });
    }

    /**
     * take_along_axis: indices broadcast-compatible view with the same ndim as in (strides 0 for broadcast
     * axes already applied: indices.shape == out.shape); out[..i..] = in[.. indices[..i..] at axis ..].
     * Along every other axis in's extent must equal out's, or be 1 (then it is broadcast).
     */
    public static void takeAlongAxis(StridedView in, StridedView indices, int axis, StridedView out) {
        String name = "takeAlongAxis";
        GatherKernelsRegion.requireContiguousOut(name, out);
        GatherKernelsRegion.requireSameDtype(name, in, out);
        GatherKernelsRegion.requireIntegerIndices(name, indices);
        int ax = GatherKernelsRegion.axis(name, axis, in.ndim());
        requireShape(name, indices.shape(), out);
        if (indices.ndim() != in.ndim()) {
            throw new IllegalArgumentException(name + ": indices of shape " + Arrays.toString(indices.shape())
                    + " must have as many dimensions as the input of shape " + Arrays.toString(in.shape()));
        }
        int nd = in.ndim();
        int[] shape = out.shape();
        long[] inEff = new long[nd]; // in's strides at out's positions: axis 0 (added from the index), broadcast 0
        for (int d = 0; d < nd; d++) {
            if (d == ax) continue;
            if (in.shape()[d] == shape[d]) inEff[d] = in.strides()[d];
            else if (in.shape()[d] != 1) {
                throw new IllegalArgumentException(name + ": input shape " + Arrays.toString(in.shape())
                        + " does not broadcast with indices shape " + Arrays.toString(shape) + " outside axis " + ax);
            }
        }
        if (out.size() == 0) return;

        int extent = in.shape()[ax];
        long axisStride = in.strides()[ax];
        int bytes = in.dtype().size();
        GatherKernelsRegion region = GatherKernelsRegion.of(shape, inEff, indices.strides(),
                StridedView.rowMajorStrides(shape));
        long sIn = region.innerStride(0), sIdx = region.innerStride(1), sOut = region.innerStride(2);
        Parallel.forRange(out.size(), Parallel.DEFAULT_GRAIN, (e0, e1) -> {
            long[] idx = new long[(int) Math.min(INDEX_BATCH, e1 - e0)];
            region.forEachRun(e0, e1 - e0, (offs, at, len) -> {
                for (int done = 0; done < len; done += idx.length) {
                    int c = Math.min(idx.length, len - done);
                    ScanKernelsBlocks.readLongs(indices.segment(), indices.dtype(),
                            indices.offset() + offs[1] + done * sIdx, sIdx, idx, 0, c);
                    long inRun = in.offset() + offs[0] + done * sIn;
                    long outRun = offs[2] + done * sOut;
                    for (int i = 0; i < c; i++) {
                        long pos = checkIndex(name, indices.dtype(), idx[i], ax, extent, 1);
                        ScanKernelsBlocks.copyElement(in.segment(), inRun + i * sIn + pos * axisStride,
                                out.segment(), outRun + i * sOut, bytes);
                    }
                }
            });
        });
    }

    /**
     * General gather for NumPy advanced indexing: `indices` is a list of k index views, all already broadcast
     * to the same shape B; they index in's axes `axes` (k distinct axes); sliceSizes gives, for each axis of in,
     * how many elements to take starting at the index (1 for indexed axes, full extent for the others).
     * out shape = B + sliceSizes (MLX's Gather primitive semantics). With k == 0, B is out's leading shape
     * (every batch position copies the same slice).
     * An index i (after wrapping a negative one) must satisfy 0 <= i and i + sliceSize <= extent.
     */
    public static void gather(StridedView in, StridedView[] indices, int[] axes, int[] sliceSizes, StridedView out) {
        String name = "gather";
        GatherKernelsRegion.requireContiguousOut(name, out);
        GatherKernelsRegion.requireSameDtype(name, in, out);
        int[] shape = in.shape();
        int[] batch = checkIndexList(name, indices, axes, shape, leading(out.shape(), out.ndim() - in.ndim()));
        if (sliceSizes.length != in.ndim()) {
            throw new IllegalArgumentException(name + ": sliceSizes " + Arrays.toString(sliceSizes)
                    + " must give one size per input axis " + Arrays.toString(shape));
        }
        for (int d = 0; d < shape.length; d++) {
            if (sliceSizes[d] < 0 || sliceSizes[d] > shape[d]) {
                throw new IllegalArgumentException(name + ": slice size " + sliceSizes[d] + " for axis " + d
                        + " is outside [0, " + shape[d] + "]");
            }
        }
        requireShape(name, concat(batch, sliceSizes), out);
        if (out.size() == 0) return;

        int k = indices.length;
        long[][] idxStrides = new long[k][];
        for (int i = 0; i < k; i++) idxStrides[i] = indices[i].strides();
        GatherKernelsRegion batchRegion = GatherKernelsRegion.of(batch, idxStrides);
        GatherKernelsRegion slice = GatherKernelsRegion.of(sliceSizes, in.strides());
        long sliceSize = slice.size;
        long batchSize = batchRegion.size;
        int bytes = in.dtype().size();
        Parallel.forRange(batchSize, Math.max(1, Parallel.DEFAULT_GRAIN / sliceSize), (b0, b1) -> {
            long[] starts = new long[(int) Math.min(INDEX_BATCH, b1 - b0)];
            long[] tmp = new long[starts.length];
            for (long b = b0; b < b1; b += starts.length) {
                int count = (int) Math.min(starts.length, b1 - b);
                Arrays.fill(starts, 0, count, in.offset());
                for (int i = 0; i < k; i++) {
                    int axis = axes[i];
                    int extent = shape[axis];
                    long st = in.strides()[axis];
                    readIndices(indices[i], batchRegion, i, b, count, tmp);
                    for (int j = 0; j < count; j++) {
                        starts[j] += checkIndex(name, indices[i].dtype(), tmp[j], axis, extent, sliceSizes[axis]) * st;
                    }
                }
                if (sliceSize == 1) {
                    ScanKernelsBlocks.gatherRaw(in.segment(), 0, 1, starts, out.segment(), b, count, bytes);
                } else {
                    for (int j = 0; j < count; j++) {
                        slice.copyToContiguous(0, in.segment(), starts[j], out.segment(), (b + j) * sliceSize, bytes);
                    }
                }
            }
        });
    }

    /** Validates k index views against axes and returns the batch shape B. */
    static int[] checkIndexList(String name, StridedView[] indices, int[] axes, int[] shape, int[] batchIfNone) {
        if (indices.length != axes.length) {
            throw new IllegalArgumentException(name + ": " + indices.length + " index arrays for " + axes.length + " axes");
        }
        boolean[] seen = new boolean[shape.length];
        for (int a : axes) {
            if (a < 0 || a >= shape.length) {
                throw new IllegalArgumentException(name + ": axis " + a + " is out of range for shape " + Arrays.toString(shape));
            }
            if (seen[a]) throw new IllegalArgumentException(name + ": axis " + a + " is indexed twice in " + Arrays.toString(axes));
            seen[a] = true;
        }
        if (indices.length == 0) {
            if (batchIfNone == null) {
                throw new IllegalArgumentException(name + ": the output has fewer dimensions than the indexed array");
            }
            return batchIfNone;
        }
        int[] batch = indices[0].shape();
        for (StridedView v : indices) {
            GatherKernelsRegion.requireIntegerIndices(name, v);
            if (!Arrays.equals(v.shape(), batch)) {
                throw new IllegalArgumentException(name + ": index arrays must share one (broadcast) shape, got "
                        + Arrays.toString(batch) + " and " + Arrays.toString(v.shape()));
            }
        }
        return batch;
    }

    /** The first {@code n} extents of {@code shape}, or null when n is negative. */
    static int[] leading(int[] shape, int n) {
        return n < 0 ? null : Arrays.copyOf(shape, n);
    }

    private static int[] concat(int[]... parts) {
        int n = 0;
        for (int[] p : parts) n += p.length;
        int[] r = new int[n];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, r, at, p.length);
            at += p.length;
        }
        return r;
    }

    static void requireShape(String name, int[] expected, StridedView out) {
        if (!Arrays.equals(expected, out.shape())) {
            throw new IllegalArgumentException(name + ": output shape " + Arrays.toString(out.shape())
                    + " should be " + Arrays.toString(expected));
        }
    }

    /** Reads positions [first, first + count) of a single index view (region built over its own strides). */
    private static void readIndices(StridedView v, GatherKernelsRegion r, long first, int count, long[] dst) {
        readIndices(v, r, 0, first, count, dst);
    }

    /** Reads positions [first, first + count) of view {@code view} of region {@code r} (in r's row-major order). */
    static void readIndices(StridedView v, GatherKernelsRegion r, int view, long first, int count, long[] dst) {
        long st = r.innerStride(view);
        r.forEachRun(first, count, (offs, at, len) ->
                ScanKernelsBlocks.readLongs(v.segment(), v.dtype(), v.offset() + offs[view], st, dst, (int) at, len));
    }

    /**
     * The checked start of a slice of {@code size} elements at {@code index} (read from an index
     * array of dtype {@code t}) along {@code axis}; negative indices count from the end.
     */
    static long checkIndex(String name, DType t, long index, int axis, int extent, int size) {
        boolean huge = t == DType.UINT64 && index < 0; // >= 2^63: never wraps like a negative index
        long i = index < 0 ? index + extent : index;
        if (huge || i < 0 || i + size > extent) {
            String shown = t == DType.UINT64 ? Long.toUnsignedString(index) : Long.toString(index);
            String what = size == 1 ? "index " + shown : "index " + shown + " with slice size " + size;
            throw new IndexOutOfBoundsException(name + ": " + what + " is out of bounds for axis " + axis
                    + " with size " + extent);
        }
        return i;
    }
}
