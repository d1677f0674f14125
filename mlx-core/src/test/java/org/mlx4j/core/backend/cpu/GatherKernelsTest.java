package org.mlx4j.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlx4j.core.backend.cpu.ScanKernelsTestSupport.*;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.DType;
import org.mlx4j.core.backend.cpu.ScanKernelsTestSupport.Layout;

class GatherKernelsTest {

    /** Element sizes 1, 2, 4 and 8 (complex64 included: elements are copied as raw bits). */
    private static final DType[] DATA_TYPES = {
        DType.BOOL, DType.INT8, DType.FLOAT16, DType.BFLOAT16, DType.FLOAT32, DType.UINT32, DType.INT64,
        DType.FLOAT64, DType.COMPLEX64
    };
    private static final DType[] INDEX_TYPES = {
        DType.INT32, DType.INT64, DType.UINT8, DType.INT8, DType.UINT32, DType.UINT64, DType.INT16, DType.UINT16
    };

    @Test
    void takeMatchesReferenceForDtypesAxesLayoutsAndIndexTypes() {
        Random r = new Random(31);
        int[] shape = {4, 5, 6};
        int[][] indexShapes = {{3}, {2, 3}, {}, {7}};
        int c = 0;
        for (DType t : DATA_TYPES) {
            for (Layout layout : Layout.values()) {
                StridedView in = random(t, r, layout, shape);
                for (int axis = -1; axis < 3; axis++) {
                    int ax = axis < 0 ? axis + 3 : axis;
                    int[] ishape = indexShapes[c % indexShapes.length];
                    DType it = INDEX_TYPES[c % INDEX_TYPES.length];
                    Layout il = Layout.values()[(c / 3) % Layout.values().length];
                    c++;
                    int lo = it.isUnsignedInteger() ? 0 : -shape[ax];
                    StridedView idx = view(it, ishape, il, ints(r, lo, shape[ax] - 1));
                    checkTake(in, idx, axis);
                }
            }
        }
    }

    @Test
    void takeOfLargeArraysUsesBulkCopiesAndThreads() {
        Random r = new Random(32);
        StridedView in = random(DType.FLOAT32, r, Layout.CONTIGUOUS, 300, 200);
        StridedView rows = view(DType.INT32, new int[] {500}, Layout.CONTIGUOUS, ints(r, -300, 299));
        checkTake(in, rows, 0);
        StridedView cols = view(DType.INT64, new int[] {150}, Layout.REVERSED, ints(r, 0, 199));
        checkTake(in, cols, 1);
        checkTake(random(DType.INT16, r, Layout.PERMUTED, 300, 200), rows, 0);
    }

    @Test
    void takeBoundsAreCheckedWithClearMessages() {
        StridedView in = zeros(DType.FLOAT32, 3, 5);
        StridedView out = zeros(DType.FLOAT32, 3, 2);
        assertThatThrownBy(() -> GatherKernels.take(in, indexVector(DType.INT32, 1, 5), 1, out))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("take: index 5 is out of bounds for axis 1 with size 5");
        assertThatThrownBy(() -> GatherKernels.take(in, indexVector(DType.INT64, -6, 0), 1, out))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("index -6");
        assertThatThrownBy(() -> GatherKernels.take(in, indexVector(DType.UINT64, -1L, 0), 1, out))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("index 18446744073709551615");
        assertThatThrownBy(() -> GatherKernels.take(in, indexVector(DType.INT8, 3), 0, zeros(DType.FLOAT32, 1, 5)))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("axis 0 with size 3");
        assertThatThrownBy(() -> GatherKernels.take(in, zeros(DType.FLOAT32, 2), 1, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("integer");
        assertThatThrownBy(() -> GatherKernels.take(in, indexVector(DType.INT32, 1, 2), 1, zeros(DType.FLOAT32, 2, 3)))
                .hasMessageContaining("[3, 2]");
        assertThatThrownBy(() -> GatherKernels.take(in, indexVector(DType.INT32, 1, 2), 1, zeros(DType.INT32, 3, 2)))
                .hasMessageContaining("int32").hasMessageContaining("float32");
        // An empty axis has no valid index; an empty index list is fine.
        assertThatThrownBy(() -> GatherKernels.take(zeros(DType.FLOAT32, 2, 0), indexVector(DType.INT32, 0), 1,
                zeros(DType.FLOAT32, 2, 1))).hasMessageContaining("size 0");
        GatherKernels.take(in, indexVector(DType.INT32), 1, zeros(DType.FLOAT32, 3, 0));
    }

    @Test
    void takeAlongAxisMatchesReference() {
        Random r = new Random(33);
        for (DType t : DATA_TYPES) {
            for (Layout layout : Layout.values()) {
                StridedView in = random(t, r, layout, 4, 5, 6);
                for (int axis = 0; axis < 3; axis++) {
                    int[] ishape = {4, 5, 6};
                    ishape[axis] = 3 + axis;
                    DType it = INDEX_TYPES[(axis + layout.ordinal()) % INDEX_TYPES.length];
                    int lo = it.isUnsignedInteger() ? 0 : -in.shape()[axis];
                    StridedView idx = view(it, ishape, Layout.values()[(axis * 2 + t.ordinal()) % 5],
                            ints(r, lo, in.shape()[axis] - 1));
                    checkTakeAlongAxis(in, idx, axis);
                }
            }
        }
        // input broadcast along a non-indexed axis (extent 1 against the indices' 4)
        StridedView narrow = random(DType.FLOAT32, r, Layout.STEPPED, 1, 5, 6);
        checkTakeAlongAxis(narrow, view(DType.INT32, new int[] {4, 2, 6}, Layout.CONTIGUOUS, ints(r, -5, 4)), 1);
        checkTakeAlongAxis(random(DType.FLOAT64, r, Layout.CONTIGUOUS, 64, 700),
                view(DType.INT64, new int[] {64, 900}, Layout.PERMUTED, ints(r, -700, 699)), 1);
    }

    @Test
    void takeAlongAxisErrors() {
        StridedView in = zeros(DType.FLOAT32, 3, 4);
        StridedView idx = view(DType.INT32, new int[] {3, 2}, Layout.CONTIGUOUS, (s, t, i, l) -> ElementAccess.setLong(s, t, i, l == 5 ? -5 : 1));
        assertThatThrownBy(() -> GatherKernels.takeAlongAxis(in, idx, 1, zeros(DType.FLOAT32, 3, 2)))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("takeAlongAxis: index -5 is out of bounds for axis 1 with size 4");
        assertThatThrownBy(() -> GatherKernels.takeAlongAxis(zeros(DType.FLOAT32, 2, 4), idx, 1, zeros(DType.FLOAT32, 3, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broadcast");
        assertThatThrownBy(() -> GatherKernels.takeAlongAxis(in, indexVector(DType.INT32, 0), 0, zeros(DType.FLOAT32, 1)))
                .hasMessageContaining("dimensions");
    }

    @Test
    void gatherMatchesMlxSemantics() {
        Random r = new Random(34);
        int[] shape = {5, 6, 7};
        for (DType t : DATA_TYPES) {
            for (Layout layout : Layout.values()) {
                StridedView in = random(t, r, layout, shape);
                // two index arrays broadcast to B = [3, 4] (the first through a zero stride), whole rows of axis 1
                StridedView i0 = view(DType.INT32, new int[] {3, 4}, Layout.BROADCAST, ints(r, -5, 4));
                StridedView i2 = view(DType.UINT8, new int[] {3, 4}, Layout.PERMUTED, ints(r, 0, 6));
                checkGather(in, new StridedView[] {i0, i2}, new int[] {0, 2}, new int[] {1, 6, 1});
                // one index array with partial slices: start + 2 <= 6 along axis 1, first 3 of axis 0
                StridedView i1 = view(DType.INT64, new int[] {5}, Layout.REVERSED, (s, dt, at, l) ->
                        ElementAccess.setLong(s, dt, at, r.nextBoolean() ? r.nextInt(5) : -6 + r.nextInt(5)));
                checkGather(in, new StridedView[] {i1}, new int[] {1}, new int[] {3, 2, 7});
                // all axes indexed: a pure element gather with scalar-shaped batch
                checkGather(in, new StridedView[] {scalarIndex(DType.INT16, -1), scalarIndex(DType.INT8, 2),
                        scalarIndex(DType.UINT16, 5)}, new int[] {2, 0, 1}, new int[] {1, 1, 1});
            }
        }
        // no index arrays: every batch position is the same slice
        StridedView in = random(DType.FLOAT32, r, Layout.PERMUTED, shape);
        checkGather(in, new StridedView[0], new int[0], new int[] {2, 3, 4}, 2);
        // big enough to run on several threads, contiguous slices
        StridedView big = random(DType.FLOAT32, r, Layout.CONTIGUOUS, 1000, 64);
        checkGather(big, new StridedView[] {view(DType.INT32, new int[] {2000}, Layout.CONTIGUOUS, ints(r, -1000, 999))},
                new int[] {0}, new int[] {1, 64});
    }

    @Test
    void gatherErrors() {
        StridedView in = zeros(DType.FLOAT32, 5, 6);
        StridedView[] one = {indexVector(DType.INT32, 0, 5)};
        assertThatThrownBy(() -> GatherKernels.gather(in, one, new int[] {1}, new int[] {5, 2}, zeros(DType.FLOAT32, 2, 5, 2)))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("gather: index 5 with slice size 2 is out of bounds for axis 1 with size 6");
        assertThatThrownBy(() -> GatherKernels.gather(in, new StridedView[] {one[0], one[0]}, new int[] {1, 1},
                new int[] {1, 1}, zeros(DType.FLOAT32, 2, 1, 1))).hasMessageContaining("twice");
        assertThatThrownBy(() -> GatherKernels.gather(in, new StridedView[] {one[0], indexVector(DType.INT32, 1, 2, 3)},
                new int[] {0, 1}, new int[] {1, 1}, zeros(DType.FLOAT32, 2, 1, 1))).hasMessageContaining("one (broadcast) shape");
        assertThatThrownBy(() -> GatherKernels.gather(in, one, new int[] {1}, new int[] {1}, zeros(DType.FLOAT32, 2, 1)))
                .hasMessageContaining("sliceSizes");
        assertThatThrownBy(() -> GatherKernels.gather(in, one, new int[] {1}, new int[] {6, 1}, zeros(DType.FLOAT32, 2, 6, 1)))
                .hasMessageContaining("slice size 6 for axis 0");
        assertThatThrownBy(() -> GatherKernels.gather(in, one, new int[] {2}, new int[] {1, 1}, zeros(DType.FLOAT32, 2, 1, 1)))
                .hasMessageContaining("axis 2");
        assertThatThrownBy(() -> GatherKernels.gather(in, one, new int[] {1}, new int[] {1, 1}, zeros(DType.FLOAT32, 2, 1)))
                .hasMessageContaining("should be [2, 1, 1]");
    }

    // ---- reference ----

    private static void checkTake(StridedView in, StridedView idx, int axis) {
        int ax = axis < 0 ? axis + in.ndim() : axis;
        int[] shape = in.shape();
        int[] outShape = concat(Arrays.copyOfRange(shape, 0, ax), idx.shape(), Arrays.copyOfRange(shape, ax + 1, shape.length));
        StridedView out = zeros(in.dtype(), outShape);
        GatherKernels.take(in, idx, axis, out);
        int k = idx.ndim();
        for (long p = 0; p < out.size(); p++) {
            int[] o = unravel(p, outShape);
            int[] ii = Arrays.copyOfRange(o, ax, ax + k);
            long v = getLong(idx, ravel(ii, idx.shape()));
            int[] src = new int[shape.length];
            for (int d = 0; d < shape.length; d++) {
                src[d] = d < ax ? o[d] : d == ax ? (int) (v < 0 ? v + shape[ax] : v) : o[d - 1 + k];
            }
            long want = rawAt(in.segment(), in.dtype(), offsetOf(in, src));
            long got = raw(out, p);
            if (got != want) assertThat(got).as("take " + in + " axis " + axis + " at " + Arrays.toString(o)).isEqualTo(want);
        }
    }

    private static void checkTakeAlongAxis(StridedView in, StridedView idx, int axis) {
        StridedView out = zeros(in.dtype(), idx.shape());
        GatherKernels.takeAlongAxis(in, idx, axis, out);
        for (long p = 0; p < out.size(); p++) {
            int[] o = unravel(p, idx.shape());
            long v = getLong(idx, p);
            int[] src = o.clone();
            for (int d = 0; d < src.length; d++) if (in.shape()[d] == 1) src[d] = 0;
            src[axis] = (int) (v < 0 ? v + in.shape()[axis] : v);
            long want = rawAt(in.segment(), in.dtype(), offsetOf(in, src));
            long got = raw(out, p);
            if (got != want) {
                assertThat(got).as("takeAlongAxis " + in + " axis " + axis + " at " + Arrays.toString(o)).isEqualTo(want);
            }
        }
    }

    private static void checkGather(StridedView in, StridedView[] idx, int[] axes, int[] sliceSizes) {
        checkGather(in, idx, axes, sliceSizes, -1);
    }

    /** {@code batchExtent >= 0}: no index arrays, batch shape [batchExtent]. */
    private static void checkGather(StridedView in, StridedView[] idx, int[] axes, int[] sliceSizes, int batchExtent) {
        int[] batch = batchExtent >= 0 ? new int[] {batchExtent} : idx[0].shape();
        int[] outShape = concat(batch, sliceSizes);
        StridedView out = zeros(in.dtype(), outShape);
        GatherKernels.gather(in, idx, axes, sliceSizes, out);
        int nb = batch.length;
        for (long p = 0; p < out.size(); p++) {
            int[] o = unravel(p, outShape);
            long b = ravel(Arrays.copyOfRange(o, 0, nb), batch);
            int[] src = Arrays.copyOfRange(o, nb, o.length);
            for (int i = 0; i < axes.length; i++) {
                long v = getLong(idx[i], b);
                src[axes[i]] += (int) (v < 0 ? v + in.shape()[axes[i]] : v);
            }
            long want = rawAt(in.segment(), in.dtype(), offsetOf(in, src));
            long got = raw(out, p);
            if (got != want) {
                assertThat(got).as("gather " + in + " axes " + Arrays.toString(axes) + " at " + Arrays.toString(o)).isEqualTo(want);
            }
        }
    }

    private static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }
}
