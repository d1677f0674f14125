package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.mlx4j.core.DType;

/**
 * MLX's Scatter primitive and put_along_axis, combining updates into a destination copy.
 *
 * <p>Updates are applied in row-major order of {@code updates}, so with duplicate indices SET keeps
 * the last write and the other modes fold every update in. Work is split across threads only
 * where no two threads can touch one destination element (along slice positions, or along
 * independent rows of put_along_axis), so results never depend on scheduling. Arithmetic follows
 * the dtype: halves combine in float and round on store, integers wrap, bool ADD is a logical or
 * and PROD a logical and; MAX/MIN propagate NaN. Updates must have the destination's dtype.
 */
public final class ScatterKernels {
    private ScatterKernels() {}

    public enum Mode { SET, ADD, PROD, MAX, MIN }

    private static final int INDEX_BATCH = 1024;
    private static final int BLOCK = 1024;

    /**
     * out already holds a copy of the destination (contiguous). For every element of `updates`
     * (shape B + sliceShape, MLX Scatter semantics with the same indices/axes layout as gather), combine into
     * out at the indexed location; bounds checked with clear exceptions; duplicate indices: SET = last write
     * wins in row-major order of updates, ADD accumulates all. sliceShape has one extent per axis of out,
     * and an index i along an indexed axis (after wrapping a negative one) needs i + sliceShape[axis] <= extent.
     */
    public static void scatter(Mode mode, StridedView[] indices, int[] axes, StridedView updates, StridedView out) {
        String name = "scatter(" + mode.name().toLowerCase(java.util.Locale.ROOT) + ")";
        GatherKernelsRegion.requireContiguousOut(name, out);
        GatherKernelsRegion.requireSameDtype(name, updates, out);
        int[] shape = out.shape();
        int batchDims = updates.ndim() - out.ndim();
        int[] batch = GatherKernels.checkIndexList(name, indices, axes, shape, GatherKernels.leading(updates.shape(), batchDims));
        if (batch.length != batchDims || !Arrays.equals(batch, Arrays.copyOfRange(updates.shape(), 0, batchDims))) {
            throw new IllegalArgumentException(name + ": updates of shape " + Arrays.toString(updates.shape())
                    + " must be the index shape " + Arrays.toString(batch) + " followed by one slice extent per axis of "
                    + Arrays.toString(shape));
        }
        int[] sliceShape = Arrays.copyOfRange(updates.shape(), batchDims, updates.ndim());
        for (int d = 0; d < shape.length; d++) {
            if (sliceShape[d] > shape[d]) {
                throw new IllegalArgumentException(name + ": update slice " + Arrays.toString(sliceShape)
                        + " does not fit the destination " + Arrays.toString(shape) + " along axis " + d);
            }
        }
        if (updates.size() == 0) return;

        int k = indices.length;
        long[][] batchStrides = new long[k + 1][];
        for (int i = 0; i < k; i++) batchStrides[i] = indices[i].strides();
        batchStrides[k] = Arrays.copyOfRange(updates.strides(), 0, batchDims);
        GatherKernelsRegion batchRegion = GatherKernelsRegion.of(batch, batchStrides);
        GatherKernelsRegion slice = GatherKernelsRegion.of(sliceShape,
                Arrays.copyOfRange(updates.strides(), batchDims, updates.ndim()), StridedView.rowMajorStrides(shape));
        long[] outStrides = StridedView.rowMajorStrides(shape);
        var job = new ScatterJob(name, mode, indices, axes, updates, out, batchRegion, slice, sliceShape, outStrides);
        long sliceSize = slice.size;
        if (sliceSize >= 2L * BLOCK && Parallel.threads() > 1) {
            // Threads own disjoint slice positions, so duplicates never race and order is kept.
            Parallel.forRange(sliceSize, Math.max(BLOCK, Parallel.DEFAULT_GRAIN / Math.max(1, batchRegion.size)),
                    job::run);
        } else {
            job.run(0, sliceSize);
        }
    }

    /** One pass over every batch position for the slice positions [s0, s1). */
    private record ScatterJob(String name, Mode mode, StridedView[] indices, int[] axes, StridedView updates,
                              StridedView out, GatherKernelsRegion batchRegion, GatherKernelsRegion slice,
                              int[] sliceShape, long[] outStrides) {
        void run(long s0, long s1) {
            var combiner = new Combiner(mode, out.dtype(), (int) Math.min(BLOCK, s1 - s0));
            int k = indices.length;
            long total = batchRegion.size;
            long[] dst = new long[(int) Math.min(INDEX_BATCH, total)];
            long[] src = new long[dst.length];
            long[] tmp = new long[dst.length];
            long su = slice.innerStride(0), so = slice.innerStride(1);
            for (long b = 0; b < total; b += dst.length) {
                int count = (int) Math.min(dst.length, total - b);
                Arrays.fill(dst, 0, count, 0);
                for (int i = 0; i < k; i++) {
                    int axis = axes[i];
                    GatherKernels.readIndices(indices[i], batchRegion, i, b, count, tmp);
                    for (int j = 0; j < count; j++) {
                        dst[j] += GatherKernels.checkIndex(name, indices[i].dtype(), tmp[j], axis, out.shape()[axis],
                                sliceShape[axis]) * outStrides[axis];
                    }
                }
                long sb = batchRegion.innerStride(k);
                batchRegion.forEachRun(b, count, (offs, at, len) -> {
                    for (int t = 0; t < len; t++) src[(int) at + t] = updates.offset() + offs[k] + t * sb;
                });
                if (slice.ndim() == 0) {
                    combiner.elements(updates, src, out, dst, count);
                    continue;
                }
                for (int j = 0; j < count; j++) {
                    long u = src[j], d = dst[j];
                    if (slice.ndim() == 1) {
                        combiner.run(updates, u + s0 * su, su, out, d + s0 * so, so, (int) (s1 - s0));
                    } else {
                        slice.forEachRun(s0, s1 - s0, (offs, at, len) ->
                                combiner.run(updates, u + offs[0], su, out, d + offs[1], so, len));
                    }
                }
            }
        }
    }

    /**
     * put_along_axis: out already holds the destination copy; indices and values have out's ndim
     * (broadcast views with out-shaped... indices.shape == values.shape). Along every axis but {@code axis}
     * their extent must equal out's. Updates apply in row-major order of the indices.
     */
    public static void putAlongAxis(Mode mode, StridedView indices, StridedView values, int axis, StridedView out) {
        String name = "putAlongAxis(" + mode.name().toLowerCase(java.util.Locale.ROOT) + ")";
        GatherKernelsRegion.requireContiguousOut(name, out);
        GatherKernelsRegion.requireSameDtype(name, values, out);
        GatherKernelsRegion.requireIntegerIndices(name, indices);
        int ax = GatherKernelsRegion.axis(name, axis, out.ndim());
        int[] shape = indices.shape();
        boolean ok = indices.ndim() == out.ndim() && Arrays.equals(shape, values.shape());
        for (int d = 0; ok && d < shape.length; d++) ok = d == ax || shape[d] == out.shape()[d];
        if (!ok) {
            throw new IllegalArgumentException(name + ": indices " + Arrays.toString(shape) + " and values "
                    + Arrays.toString(values.shape()) + " must have one shape, equal to the destination "
                    + Arrays.toString(out.shape()) + " except along axis " + ax);
        }
        if (indices.size() == 0) return;

        int extent = out.shape()[ax];
        int n = shape[ax];
        long outer = GatherKernelsRegion.extent(shape, 0, ax);
        long inner = GatherKernelsRegion.extent(shape, ax + 1, shape.length);
        GatherKernelsRegion outerRegion = GatherKernelsRegion.ofAxes(shape, 0, ax, indices.strides(), values.strides());
        GatherKernelsRegion cols = GatherKernelsRegion.ofAxes(shape, ax + 1, shape.length, indices.strides(),
                values.strides());
        int width = (int) Math.min(inner, BLOCK);
        long tiles = (inner + width - 1) / width;
        long idxAxis = indices.strides()[ax], valAxis = values.strides()[ax];
        DType dt = out.dtype();
        // Each unit (outer index, column tile) owns its destination elements: units run in parallel.
        Parallel.forRange(outer * tiles, Math.max(1, Parallel.DEFAULT_GRAIN / ((long) n * width)), (u0, u1) -> {
            var combiner = new Combiner(mode, dt, width);
            long[] idx = new long[width];
            long[] valOff = new long[width];
            long[] dstOff = new long[width];
            for (long u = u0; u < u1; u++) {
                long o = u / tiles;
                long k0 = (u - o * tiles) * width;
                int w = (int) Math.min(width, inner - k0);
                long idxBase = indices.offset() + outerRegion.offset(0, o);
                long valBase = values.offset() + outerRegion.offset(1, o);
                long outBase = o * extent * inner + k0;
                for (int j = 0; j < n; j++) {
                    long ib = idxBase + j * idxAxis, vb = valBase + j * valAxis;
                    cols.forEachRun(k0, w, (offs, at, len) -> {
                        ScanKernelsBlocks.readLongs(indices.segment(), indices.dtype(), ib + offs[0],
                                cols.innerStride(0), idx, (int) at, len);
                        for (int t = 0; t < len; t++) valOff[(int) at + t] = vb + offs[1] + t * cols.innerStride(1);
                    });
                    for (int c = 0; c < w; c++) {
                        long pos = GatherKernels.checkIndex(name, indices.dtype(), idx[c], ax, extent, 1);
                        dstOff[c] = outBase + pos * inner + c;
                    }
                    combiner.scattered(values, valOff, out, dstOff, w);
                }
            }
        });
    }

    /** Combines runs of updates into the destination with one mode and dtype. */
    private static final class Combiner {
        private final Mode mode;
        private final DType dt;
        private final int bytes;
        private final ScanKernelsLane lane; // null for SET and complex64
        private final boolean scalar;       // single elements of this dtype combine without the block buffers

        Combiner(Mode mode, DType dt, int capacity) {
            this.mode = mode;
            this.dt = dt;
            this.bytes = dt.size();
            this.lane = mode == Mode.SET || dt.isComplex() ? null
                    : ScanKernelsLane.forOutput(combineCode(mode), dt, Math.max(1, capacity), true);
            this.scalar = mode != Mode.SET && (dt == DType.FLOAT32 || dt == DType.FLOAT64 || dt == DType.INT32
                    || dt == DType.INT64);
        }

        /** The lane's combine code of a combining mode. */
        private static int combineCode(Mode mode) {
            return switch (mode) {
                case ADD -> ScanKernelsLane.SUM;
                case PROD -> ScanKernelsLane.PROD;
                case MAX -> ScanKernelsLane.MAX;
                case MIN -> ScanKernelsLane.MIN;
                case SET -> throw notCombining();
            };
        }

        /** Single-element updates {@code u[i]} into {@code d[i]}, in order (destinations may repeat). */
        void elements(StridedView upd, long[] u, StridedView out, long[] d, int n) {
            MemorySegment src = upd.segment(), dst = out.segment();
            if (mode == Mode.SET) {
                for (int i = 0; i < n; i++) ScanKernelsBlocks.copyElement(src, u[i], dst, d[i], bytes);
            } else if (!scalar) {
                for (int i = 0; i < n; i++) run(upd, u[i], 0, out, d[i], 0, 1);
            } else {
                switch (dt) {
                    case FLOAT32 -> {
                        for (int i = 0; i < n; i++) {
                            float x = dst.getAtIndex(ElementAccess.F32, d[i]), y = src.getAtIndex(ElementAccess.F32, u[i]);
                            dst.setAtIndex(ElementAccess.F32, d[i], switch (mode) {
                                case ADD -> x + y;
                                case PROD -> x * y;
                                case MAX -> Math.max(x, y);
                                case MIN -> Math.min(x, y);
                                case SET -> throw notCombining();
                            });
                        }
                    }
                    default -> { for (int i = 0; i < n; i++) one(src, u[i], dst, d[i]); }
                }
            }
        }

        /** One update of a float32/float64/int32/int64 element (the {@link #scalar} dtypes). */
        private void one(MemorySegment src, long u, MemorySegment dst, long d) {
            switch (dt) {
                case FLOAT32 -> {
                    float x = dst.getAtIndex(ElementAccess.F32, d), y = src.getAtIndex(ElementAccess.F32, u);
                    dst.setAtIndex(ElementAccess.F32, d, switch (mode) {
                        case ADD -> x + y;
                        case PROD -> x * y;
                        case MAX -> Math.max(x, y);
                        case MIN -> Math.min(x, y);
                        case SET -> throw notCombining();
                    });
                }
                case FLOAT64 -> {
                    double x = dst.getAtIndex(ElementAccess.F64, d), y = src.getAtIndex(ElementAccess.F64, u);
                    dst.setAtIndex(ElementAccess.F64, d, switch (mode) {
                        case ADD -> x + y;
                        case PROD -> x * y;
                        case MAX -> Math.max(x, y);
                        case MIN -> Math.min(x, y);
                        case SET -> throw notCombining();
                    });
                }
                case INT32 -> {
                    int x = dst.getAtIndex(ElementAccess.I32, d), y = src.getAtIndex(ElementAccess.I32, u);
                    dst.setAtIndex(ElementAccess.I32, d, switch (mode) {
                        case ADD -> x + y;
                        case PROD -> x * y;
                        case MAX -> Math.max(x, y);
                        case MIN -> Math.min(x, y);
                        case SET -> throw notCombining();
                    });
                }
                default -> {
                    long x = dst.getAtIndex(ElementAccess.I64, d), y = src.getAtIndex(ElementAccess.I64, u);
                    dst.setAtIndex(ElementAccess.I64, d, switch (mode) {
                        case ADD -> x + y;
                        case PROD -> x * y;
                        case MAX -> Math.max(x, y);
                        case MIN -> Math.min(x, y);
                        case SET -> throw notCombining();
                    });
                }
            }
        }

        /** {@code n} updates at {@code u + i * su} into {@code d + i * sd}. */
        void run(StridedView upd, long u, long su, StridedView out, long d, long sd, int n) {
            MemorySegment src = upd.segment(), dst = out.segment();
            if (mode == Mode.SET) {
                ScanKernelsBlocks.copyRaw(src, u, su, dst, d, sd, n, bytes);
                return;
            }
            if (lane == null) {
                for (int i = 0; i < n; i++) complex(src, u + i * su, dst, d + i * sd);
                return;
            }
            if (scalar && n <= 4) {
                for (int i = 0; i < n; i++) one(src, u + i * su, dst, d + i * sd);
                return;
            }
            int cap = capacity();
            for (int done = 0; done < n; done += cap) {
                int c = Math.min(cap, n - done);
                lane.read(src, dt, u + done * su, su, 0, c);
                lane.readAcc(dst, dt, d + done * sd, sd, 0, c);
                lane.accumulate(c);
                lane.writeAcc(dst, dt, d + done * sd, sd, 0, c);
            }
        }

        /** {@code n} updates from element offsets {@code u[i]} into distinct destination offsets {@code d[i]}. */
        void scattered(StridedView upd, long[] u, StridedView out, long[] d, int n) {
            MemorySegment src = upd.segment(), dst = out.segment();
            if (mode == Mode.SET) {
                for (int i = 0; i < n; i++) ScanKernelsBlocks.copyElement(src, u[i], dst, d[i], bytes);
                return;
            }
            if (lane == null) {
                for (int i = 0; i < n; i++) complex(src, u[i], dst, d[i]);
                return;
            }
            if (scalar) {
                for (int i = 0; i < n; i++) one(src, u[i], dst, d[i]);
                return;
            }
            for (int i = 0; i < n; i++) {
                lane.read(src, dt, u[i], 1, i, 1);
                lane.readAcc(dst, dt, d[i], 1, i, 1);
            }
            lane.accumulate(n);
            for (int i = 0; i < n; i++) lane.writeAcc(dst, dt, d[i], 1, i, 1);
        }

        private int capacity() {
            return switch (lane) {
                case ScanLaneFloat f -> f.buf.length;
                case ScanLaneDouble x -> x.buf.length;
                case ScanKernelsLane.Longs l -> l.buf.length;
            };
        }

        /** The error for {@link Mode#SET} reaching a combining loop: SET copies (see {@link #run}). */
        private static IllegalStateException notCombining() {
            return new IllegalStateException("scatter(set) copies updates, it has no combining loop");
        }

        /** complex64: add and multiply as complex numbers; max/min order by real, then imaginary part. */
        private void complex(MemorySegment src, long u, MemorySegment dst, long d) {
            float ur = src.getAtIndex(ElementAccess.F32, 2 * u), ui = src.getAtIndex(ElementAccess.F32, 2 * u + 1);
            float dr = dst.getAtIndex(ElementAccess.F32, 2 * d), di = dst.getAtIndex(ElementAccess.F32, 2 * d + 1);
            switch (mode) {
                case null -> throw new NullPointerException("mode"); // a null label makes the compiler check that every case is listed
                case ADD -> ElementAccess.setComplex(dst, d, dr + ur, di + ui);
                case PROD -> ElementAccess.setComplex(dst, d, dr * ur - di * ui, dr * ui + di * ur);
                case MAX -> {
                    boolean keep = dr > ur || (dr == ur && di >= ui);
                    ElementAccess.setComplex(dst, d, keep ? dr : ur, keep ? di : ui);
                }
                case MIN -> {
                    boolean keep = dr < ur || (dr == ur && di <= ui);
                    ElementAccess.setComplex(dst, d, keep ? dr : ur, keep ? di : ui);
                }
                case SET -> throw notCombining();
            }
        }
    }
}
