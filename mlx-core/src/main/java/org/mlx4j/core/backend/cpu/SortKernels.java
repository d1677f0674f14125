package org.mlx4j.core.backend.cpu;

import java.util.Arrays;
import org.mlx4j.core.DType;

/**
 * Sort, argsort, partition and argpartition along one axis, row by row (rows in parallel).
 *
 * <p>Order: ascending, NaN last, -0.0 equal to 0.0 (kept in input order), as NumPy and MLX. Sorts
 * are stable. Each row is copied into a primitive scratch array: integer values are sorted
 * directly; floats and everything behind an argsort are sorted as packed (key, position) longs or
 * key/position pairs, then the values are copied from the input by position, so the output holds
 * the input's exact bits. Partitions use introselect (expected linear time).
 */
public final class SortKernels {
    private SortKernels() {}

    private enum Task { SORT, ARGSORT, PARTITION, ARGPARTITION }

    /** Sorts along `axis` ascending; NaNs last (as NumPy/MLX). Stable. Any real dtype (halves compare as float). */
    public static void sort(StridedView in, int axis, StridedView out) {
        run(Task.SORT, "sort", in, axis, 0, out);
    }

    /** Indices (out dtype UINT32) that sort along `axis`; stable. */
    public static void argsort(StridedView in, int axis, StridedView out) {
        run(Task.ARGSORT, "argsort", in, axis, 0, out);
    }

    /**
     * Partial sort: along `axis`, out (same shape) holds elements such that position kth has the value it would
     * have when sorted, all before are <= it, all after are >= it (NumPy partition). A negative kth counts from
     * the end.
     */
    public static void partition(StridedView in, int axis, int kth, StridedView out) {
        run(Task.PARTITION, "partition", in, axis, kth, out);
    }

    /** Indices (out dtype UINT32) of a {@link #partition} of the input along `axis`. */
    public static void argpartition(StridedView in, int axis, int kth, StridedView out) {
        run(Task.ARGPARTITION, "argpartition", in, axis, kth, out);
    }

    private static void run(Task task, String name, StridedView in, int axis, int kth, StridedView out) {
        GatherKernelsRegion.requireContiguousOut(name, out);
        if (!Arrays.equals(in.shape(), out.shape())) {
            throw new IllegalArgumentException(name + ": output shape " + Arrays.toString(out.shape())
                    + " differs from input shape " + Arrays.toString(in.shape()));
        }
        int ax = GatherKernelsRegion.axis(name, axis, in.ndim());
        if (in.dtype().isComplex()) {
            throw new IllegalArgumentException(name + ": complex64 has no order; expected a real dtype");
        }
        boolean indices = task == Task.ARGSORT || task == Task.ARGPARTITION;
        if (indices) {
            DType od = out.dtype();
            if (od != DType.UINT32 && od != DType.INT32 && od != DType.UINT64 && od != DType.INT64) {
                throw new IllegalArgumentException(name + ": index output must be uint32 (or int32/int64/uint64), got "
                        + od.mlxName());
            }
        } else {
            GatherKernelsRegion.requireSameDtype(name, in, out);
        }
        int[] shape = in.shape();
        int n = shape[ax];
        int k = kth;
        if (task == Task.PARTITION || task == Task.ARGPARTITION) {
            k = kth < 0 ? kth + n : kth;
            if (k < 0 || k >= n) {
                throw new IllegalArgumentException(name + ": kth " + kth + " is out of bounds for axis " + ax
                        + " with size " + n);
            }
        }
        if (in.size() == 0) return;

        long inner = GatherKernelsRegion.extent(shape, ax + 1, shape.length);
        long rows = in.size() / n;
        long[] outStrides = StridedView.rowMajorStrides(shape);
        GatherKernelsRegion region = GatherKernelsRegion.of(without(shape, ax), without(in.strides(), ax),
                without(outStrides, ax));
        long inAxis = in.strides()[ax];
        int kthFinal = k;
        long grain = Math.max(1, (Parallel.DEFAULT_GRAIN / 4) / n);
        Parallel.forRange(rows, grain, (r0, r1) -> {
            var sorter = new RowSorter(task, in, out, n, inAxis, inner, kthFinal);
            long s0 = region.innerStride(0), s1 = region.innerStride(1);
            region.forEachRun(r0, r1 - r0, (offs, at, len) -> {
                for (int t = 0; t < len; t++) sorter.row(in.offset() + offs[0] + t * s0, offs[1] + t * s1);
            });
        });
    }

    private static int[] without(int[] a, int ax) {
        int[] r = new int[a.length - 1];
        System.arraycopy(a, 0, r, 0, ax);
        System.arraycopy(a, ax + 1, r, ax, a.length - ax - 1);
        return r;
    }

    private static long[] without(long[] a, int ax) {
        long[] r = new long[a.length - 1];
        System.arraycopy(a, 0, r, 0, ax);
        System.arraycopy(a, ax + 1, r, ax, a.length - ax - 1);
        return r;
    }

    /** Per-thread scratch and the work for one row. */
    private static final class RowSorter {
        private final Task task;
        private final StridedView in, out;
        private final int n, kth, bytes;
        private final long inAxis, outAxis;
        private final DType dt;
        private final boolean wide;     // 64-bit keys: pairs instead of packed longs
        private final boolean integral; // values that can be sorted directly (no payload bits to keep)
        private final long[] longs;
        private float[] floats;
        private double[] doubles;
        private int[] positions, scratchPositions;
        private long[] scratchKeys;
        private int[] intKeys;

        RowSorter(Task task, StridedView in, StridedView out, int n, long inAxis, long outAxis, int kth) {
            this.task = task;
            this.in = in;
            this.out = out;
            this.n = n;
            this.kth = kth;
            this.inAxis = inAxis;
            this.outAxis = outAxis;
            this.dt = in.dtype();
            this.bytes = dt.size();
            this.wide = dt == DType.INT64 || dt == DType.UINT64 || dt == DType.FLOAT64;
            this.integral = !dt.isFloating();
            this.longs = new long[n];
            if (wide) {
                positions = new int[n];
                scratchPositions = new int[n];
                scratchKeys = new long[n];
                if (dt == DType.FLOAT64) doubles = new double[n];
            } else if (dt.isFloating()) {
                floats = new float[n];
                if (task == Task.SORT || task == Task.PARTITION) intKeys = new int[n];
            }
        }

        void row(long inOff, long outOff) {
            boolean values = task == Task.SORT || task == Task.PARTITION;
            if (values && integral) {
                orderIntegers(inOff, outOff);
            } else if (values && orderFloatBits(inOff, outOff)) {
                return;
            } else if (wide) {
                pairs(inOff, outOff);
            } else {
                packed(inOff, outOff);
            }
        }

        /** Sorts, or selects the kth of, the first n values. */
        private void order(long[] v) {
            if (task == Task.SORT) Arrays.sort(v, 0, n);
            else SortSelectLong.select(v, n, kth);
        }

        /** Integers and bool: equal values are indistinguishable, so sort (or select) the values themselves. */
        private void orderIntegers(long inOff, long outOff) {
            long[] v = longs;
            ScanKernelsBlocks.readLongs(in.segment(), dt, inOff, inAxis, v, 0, n);
            if (dt == DType.UINT64) {
                for (int i = 0; i < n; i++) v[i] ^= Long.MIN_VALUE;
                order(v);
                for (int i = 0; i < n; i++) v[i] ^= Long.MIN_VALUE;
            } else {
                order(v); // smaller unsigned types are zero-extended: order is right
            }
            ScanKernelsBlocks.writeLongs(out.segment(), dt, outOff, outAxis, v, 0, n);
        }

        /**
         * Float values without NaN or -0.0: equal values then have equal bits, so sorting (or
         * selecting on) the raw bits made order-preserving is exact and stability is moot. Returns false, having written
         * nothing, for rows that need the position-tracking path.
         */
        private boolean orderFloatBits(long inOff, long outOff) {
            if (dt == DType.FLOAT64) {
                double[] v = doubles;
                long[] k = longs;
                ScanKernelsBlocks.readDoubles(in.segment(), dt, inOff, inAxis, v, 0, n);
                boolean special = false; // NaN or -0.0 somewhere (branch-free so the loop vectorises)
                for (int i = 0; i < n; i++) {
                    long b = Double.doubleToRawLongBits(v[i]);
                    special |= v[i] != v[i] | b == Long.MIN_VALUE;
                    k[i] = b ^ ((b >> 63) & Long.MAX_VALUE);
                }
                if (special) return false;
                order(k);
                for (int i = 0; i < n; i++) v[i] = Double.longBitsToDouble(k[i] ^ ((k[i] >> 63) & Long.MAX_VALUE));
                ScanKernelsBlocks.writeDoubles(out.segment(), dt, outOff, outAxis, v, 0, n);
                return true;
            }
            float[] v = floats;
            int[] k = intKeys;
            ScanKernelsBlocks.readFloats(in.segment(), dt, inOff, inAxis, v, 0, n);
            boolean special = false;
            for (int i = 0; i < n; i++) {
                int b = Float.floatToRawIntBits(v[i]);
                special |= v[i] != v[i] | b == Integer.MIN_VALUE;
                k[i] = b ^ ((b >> 31) & Integer.MAX_VALUE);
            }
            if (special) return false;
            if (task == Task.SORT) Arrays.sort(k, 0, n);
            else SortSelectInt.select(k, n, kth);
            for (int i = 0; i < n; i++) v[i] = Float.intBitsToFloat(k[i] ^ ((k[i] >> 31) & Integer.MAX_VALUE));
            ScanKernelsBlocks.writeFloats(out.segment(), dt, outOff, outAxis, v, 0, n); // halves round-trip exactly
            return true;
        }

        /** Keys of at most 32 bits packed with positions. */
        private void packed(long inOff, long outOff) {
            long[] p = longs;
            if (dt.isFloating()) {
                ScanKernelsBlocks.readFloats(in.segment(), dt, inOff, inAxis, floats, 0, n);
                for (int i = 0; i < n; i++) p[i] = SortKernelsOrder.pack(SortKernelsOrder.floatKey(floats[i]), i);
            } else {
                ScanKernelsBlocks.readLongs(in.segment(), dt, inOff, inAxis, p, 0, n);
                int flip = dt == DType.UINT32 ? Integer.MIN_VALUE : 0;
                for (int i = 0; i < n; i++) p[i] = SortKernelsOrder.pack((int) p[i] ^ flip, i);
            }
            if (task == Task.SORT || task == Task.ARGSORT) Arrays.sort(p, 0, n);
            else SortSelectLong.select(p, n, kth);
            if (task == Task.ARGSORT || task == Task.ARGPARTITION) {
                for (int i = 0; i < n; i++) writeIndex(outOff + i * outAxis, SortKernelsOrder.position(p[i]));
            } else {
                for (int i = 0; i < n; i++) {
                    ScanKernelsBlocks.copyElement(in.segment(), inOff + SortKernelsOrder.position(p[i]) * inAxis,
                            out.segment(), outOff + i * outAxis, bytes);
                }
            }
        }

        /** 64-bit keys with a parallel position array. */
        private void pairs(long inOff, long outOff) {
            long[] keys = longs;
            int[] pos = positions;
            if (dt == DType.FLOAT64) {
                ScanKernelsBlocks.readDoubles(in.segment(), dt, inOff, inAxis, doubles, 0, n);
                for (int i = 0; i < n; i++) keys[i] = SortKernelsOrder.doubleKey(doubles[i]);
            } else {
                ScanKernelsBlocks.readLongs(in.segment(), dt, inOff, inAxis, keys, 0, n);
                if (dt == DType.UINT64) for (int i = 0; i < n; i++) keys[i] ^= Long.MIN_VALUE;
            }
            for (int i = 0; i < n; i++) pos[i] = i;
            if (task == Task.SORT || task == Task.ARGSORT) {
                SortKernelsOrder.stableSort(keys, pos, 0, n, scratchKeys, scratchPositions);
            } else {
                SortKernelsOrder.selectPairs(keys, pos, n, kth, scratchKeys, scratchPositions);
            }
            if (task == Task.ARGSORT || task == Task.ARGPARTITION) {
                for (int i = 0; i < n; i++) writeIndex(outOff + i * outAxis, pos[i]);
            } else {
                for (int i = 0; i < n; i++) {
                    ScanKernelsBlocks.copyElement(in.segment(), inOff + pos[i] * inAxis, out.segment(),
                            outOff + i * outAxis, bytes);
                }
            }
        }

        private void writeIndex(long at, int position) {
            if (out.dtype().size() == 4) out.segment().setAtIndex(ElementAccess.I32, at, position);
            else out.segment().setAtIndex(ElementAccess.I64, at, position);
        }
    }
}
