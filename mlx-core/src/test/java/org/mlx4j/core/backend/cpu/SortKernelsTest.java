package org.mlx4j.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlx4j.core.backend.cpu.ScanKernelsTestSupport.*;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.DType;
import org.mlx4j.core.backend.cpu.ScanKernelsTestSupport.Layout;

class SortKernelsTest {

    private enum Task { SORT, ARGSORT, PARTITION, ARGPARTITION }

    @Test
    void everyRealDtypeAxisAndLayoutMatchesAStableReference() {
        Random r = new Random(21);
        int[] shape = {5, 21, 11};
        for (DType t : REAL_TYPES) {
            for (Layout layout : Layout.values()) {
                StridedView in = view(t, shape, layout, sortValues(r));
                for (int axis = 0; axis < 3; axis++) {
                    check(Task.SORT, in, axis, 0);
                    check(Task.ARGSORT, in, axis, 0);
                    int n = shape[axis];
                    int kth = new int[] {0, n / 2, n - 1, -1, 1}[r.nextInt(5)];
                    check(Task.PARTITION, in, axis, kth);
                    check(Task.ARGPARTITION, in, axis, kth);
                }
            }
        }
    }

    @Test
    void longRowsManyDuplicatesAndManyRows() {
        Random r = new Random(22);
        for (DType t : new DType[] {DType.INT64, DType.FLOAT64, DType.UINT64, DType.FLOAT32, DType.INT16, DType.BFLOAT16}) {
            StridedView in = view(t, new int[] {3, 5001}, Layout.CONTIGUOUS, (s, dt, index, linear) -> {
                if (dt.isFloating()) ElementAccess.setDouble(s, dt, index, r.nextInt(10) == 0 ? Double.NaN : r.nextInt(50) - 25);
                else ElementAccess.setLong(s, dt, index, r.nextInt(50) - 25);
            });
            for (Task task : Task.values()) check(task, in, 1, 2500);
            check(Task.ARGSORT, in, 0, 0);
        }
        StridedView many = random(DType.FLOAT32, r, Layout.PERMUTED, 2000, 40);
        check(Task.ARGSORT, many, 1, 0);
        check(Task.SORT, many, 0, 0);
        check(Task.PARTITION, random(DType.INT32, r, Layout.CONTIGUOUS, 4000, 33), 1, 7);
    }

    @Test
    void partitionOfAdversarialRowsStillSelects() {
        Random r = new Random(23);
        int n = 6000;
        // sorted, reversed, all equal and organ-pipe rows, all long enough to exercise the fallback budget
        long[][] rows = new long[4][n];
        for (int i = 0; i < n; i++) {
            rows[0][i] = i;
            rows[1][i] = n - i;
            rows[2][i] = 7;
            rows[3][i] = i < n / 2 ? i : n - i;
        }
        for (DType t : new DType[] {DType.INT32, DType.INT64}) {
            for (long[] row : rows) {
                StridedView in = indexVector(t, row);
                for (int kth : new int[] {0, 1, n / 3, n - 1}) {
                    check(Task.PARTITION, in, 0, kth);
                    check(Task.ARGPARTITION, in, 0, kth);
                }
            }
        }
        check(Task.ARGPARTITION, view(DType.FLOAT64, new int[] {n}, Layout.REVERSED, sortValues(r)), 0, n / 2);
    }

    @Test
    void nanLastAndSignedZerosKeepInputOrder() {
        float nan = Float.NaN, negNan = Float.intBitsToFloat(0xffc00001);
        float[] row = {nan, 1, -0.0f, 0.0f, Float.NEGATIVE_INFINITY, negNan, 0.0f, -0.0f, -1};
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.BFLOAT16}) {
            StridedView in = zeros(t, row.length);
            for (int i = 0; i < row.length; i++) ElementAccess.setDouble(in.segment(), t, i, row[i]);
            StridedView idx = zeros(DType.UINT32, row.length);
            SortKernels.argsort(in, 0, idx);
            assertThat(longsOf(idx)).as(t.mlxName()).containsExactly(4L, 8L, 2L, 3L, 6L, 7L, 1L, 0L, 5L);
            StridedView sorted = zeros(t, row.length);
            SortKernels.sort(in, 0, sorted);
            for (int i = 0; i < row.length; i++) {
                assertThat(raw(sorted, i)).as(t.mlxName() + " bits at " + i)
                        .isEqualTo(raw(in, new int[] {4, 8, 2, 3, 6, 7, 1, 0, 5}[i]));
            }
        }
    }

    @Test
    void unsignedOrderAndIndexOutputDtypes() {
        StridedView u32 = indexVector(DType.UINT32, 0x80000000L, 1, 0xffffffffL, 0);
        StridedView out = zeros(DType.UINT32, 4);
        SortKernels.sort(u32, 0, out);
        assertThat(longsOf(out)).containsExactly(0L, 1L, 0x80000000L, 0xffffffffL);
        StridedView u64 = indexVector(DType.UINT64, -1L, 3, Long.MIN_VALUE, 0);
        StridedView idx64 = zeros(DType.INT64, 4);
        SortKernels.argsort(u64, 0, idx64);
        assertThat(longsOf(idx64)).containsExactly(3L, 1L, 2L, 0L);
        StridedView idx32 = zeros(DType.INT32, 4);
        SortKernels.argpartition(u64, 0, -1, idx32);
        assertThat(getLong(idx32, 3)).isEqualTo(0L);
    }

    @Test
    void emptyAndSizeOneAxes() {
        SortKernels.sort(zeros(DType.FLOAT32, 0, 5), 1, zeros(DType.FLOAT32, 0, 5));
        SortKernels.argsort(zeros(DType.FLOAT32, 3, 0), 1, zeros(DType.UINT32, 3, 0));
        Random r = new Random(24);
        StridedView in = random(DType.INT8, r, Layout.STEPPED, 4, 1, 3);
        check(Task.SORT, in, 1, 0);
        check(Task.ARGPARTITION, in, 1, 0);
        check(Task.PARTITION, in, -1, -2);
    }

    @Test
    void badArgumentsAreNamed() {
        StridedView in = zeros(DType.FLOAT32, 2, 5);
        assertThatThrownBy(() -> SortKernels.partition(in, 1, 5, zeros(DType.FLOAT32, 2, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kth 5").hasMessageContaining("size 5");
        assertThatThrownBy(() -> SortKernels.argpartition(in, 1, -6, zeros(DType.UINT32, 2, 5)))
                .hasMessageContaining("kth -6");
        assertThatThrownBy(() -> SortKernels.partition(zeros(DType.FLOAT32, 3, 0), 1, 0, zeros(DType.FLOAT32, 3, 0)))
                .hasMessageContaining("kth 0");
        assertThatThrownBy(() -> SortKernels.argsort(in, 1, zeros(DType.FLOAT32, 2, 5)))
                .hasMessageContaining("uint32").hasMessageContaining("float32");
        assertThatThrownBy(() -> SortKernels.sort(in, 1, zeros(DType.FLOAT64, 2, 5)))
                .hasMessageContaining("float64").hasMessageContaining("float32");
        assertThatThrownBy(() -> SortKernels.sort(zeros(DType.COMPLEX64, 3), 0, zeros(DType.COMPLEX64, 3)))
                .hasMessageContaining("complex64");
        assertThatThrownBy(() -> SortKernels.sort(in, -3, zeros(DType.FLOAT32, 2, 5)))
                .hasMessageContaining("axis -3");
        assertThatThrownBy(() -> SortKernels.sort(in, 0, zeros(DType.FLOAT32, 5, 2)))
                .hasMessageContaining("[5, 2]");
    }

    // ---- reference ----

    /** Floats with NaNs (either sign) and signed zeros among repeated quarters; integers with many duplicates. */
    private static ValueSource sortValues(Random r) {
        ValueSource plain = randomValues(r);
        return (s, t, index, linear) -> {
            int c = r.nextInt(10);
            if (t.isFloating() && c == 0) {
                ElementAccess.setDouble(s, t, index, r.nextBoolean() ? Double.NaN : -Double.NaN);
                if (t == DType.FLOAT32) s.setAtIndex(ElementAccess.F32, index, Float.intBitsToFloat(0xffc00000 | r.nextInt(64)));
            } else if (t.isFloating() && c == 1) {
                ElementAccess.setDouble(s, t, index, r.nextBoolean() ? 0.0 : -0.0);
            } else if (!t.isFloating() && c < 4) {
                ElementAccess.setLong(s, t, index, r.nextInt(5));
            } else {
                plain.write(s, t, index, linear);
            }
        };
    }

    /** NumPy's order of two elements: NaN last, -0.0 == 0.0; integers exactly (uint64 unsigned). */
    private static int compareAt(DType t, MemorySegment a, long ai, MemorySegment b, long bi) {
        if (t.isFloating()) {
            double x = ElementAccess.getDouble(a, t, ai), y = ElementAccess.getDouble(b, t, bi);
            if (Double.isNaN(x)) return Double.isNaN(y) ? 0 : 1;
            if (Double.isNaN(y)) return -1;
            return x < y ? -1 : x > y ? 1 : 0;
        }
        long x = ElementAccess.getLong(a, t, ai), y = ElementAccess.getLong(b, t, bi);
        return t == DType.UINT64 ? Long.compareUnsigned(x, y) : Long.compare(x, y);
    }

    private static void check(Task task, StridedView in, int axis, int kth) {
        int[] shape = in.shape();
        int ax = axis < 0 ? axis + shape.length : axis;
        boolean indices = task == Task.ARGSORT || task == Task.ARGPARTITION;
        StridedView out = zeros(indices ? DType.UINT32 : in.dtype(), shape);
        switch (task) {
            case SORT -> SortKernels.sort(in, axis, out);
            case ARGSORT -> SortKernels.argsort(in, axis, out);
            case PARTITION -> SortKernels.partition(in, axis, kth, out);
            case ARGPARTITION -> SortKernels.argpartition(in, axis, kth, out);
        }
        DType t = in.dtype();
        MemorySegment src = in.segment();
        int n = shape[ax];
        int k = kth < 0 ? kth + n : kth;
        for (long p = 0; p < in.size(); p++) {
            int[] idx = unravel(p, shape);
            if (idx[ax] != 0) continue;
            long[] inOff = new long[n], outAt = new long[n];
            for (int j = 0; j < n; j++) {
                idx[ax] = j;
                inOff[j] = offsetOf(in, idx);
                outAt[j] = ravel(idx, shape);
            }
            idx[ax] = 0;
            String where = task + " " + in + " axis " + axis + " kth " + kth + " row " + Arrays.toString(idx);
            List<Long> ref = new ArrayList<>();
            for (long j = 0; j < n; j++) ref.add(j);
            ref.sort((a, b) -> compareAt(t, src, inOff[a.intValue()], src, inOff[b.intValue()])); // stable
            switch (task) {
                case ARGSORT -> {
                    for (int j = 0; j < n; j++) {
                        long got = getLong(out, outAt[j]);
                        if (got != ref.get(j)) assertThat(got).as(where + " at " + j).isEqualTo(ref.get(j));
                    }
                }
                case SORT -> {
                    for (int j = 0; j < n; j++) {
                        long got = raw(out, outAt[j]);
                        long want = rawAt(src, t, inOff[ref.get(j).intValue()]);
                        if (got != want) assertThat(got).as(where + " bits at " + j).isEqualTo(want);
                    }
                }
                default -> {
                    // The output row as (segment, element offset) pairs, whichever task produced it.
                    MemorySegment vs = indices ? src : out.segment();
                    long[] vOff = new long[n];
                    if (indices) {
                        long[] pos = new long[n];
                        for (int j = 0; j < n; j++) pos[j] = getLong(out, outAt[j]);
                        long[] sortedPos = pos.clone();
                        Arrays.sort(sortedPos);
                        for (int j = 0; j < n; j++) {
                            if (sortedPos[j] != j) assertThat(sortedPos).as(where + " is not a permutation").isSorted();
                            assertThat(sortedPos[j]).as(where + " permutation").isEqualTo(j);
                        }
                        for (int j = 0; j < n; j++) vOff[j] = inOff[(int) pos[j]];
                    } else {
                        long[] gotBits = new long[n], inBits = new long[n];
                        for (int j = 0; j < n; j++) {
                            vOff[j] = outAt[j];
                            gotBits[j] = rawAt(vs, t, vOff[j]);
                            inBits[j] = rawAt(src, t, inOff[j]);
                        }
                        Arrays.sort(gotBits);
                        Arrays.sort(inBits);
                        assertThat(gotBits).as(where + " holds the row's elements").isEqualTo(inBits);
                    }
                    assertThat(compareAt(t, vs, vOff[k], src, inOff[ref.get(k).intValue()]))
                            .as(where + " kth value").isZero();
                    for (int j = 0; j < n; j++) {
                        int c = compareAt(t, vs, vOff[j], vs, vOff[k]);
                        if (j < k && c > 0) assertThat(c).as(where + " before kth at " + j).isLessThanOrEqualTo(0);
                        if (j > k && c < 0) assertThat(c).as(where + " after kth at " + j).isGreaterThanOrEqualTo(0);
                    }
                }
            }
        }
    }

    private static long[] longsOf(StridedView v) {
        long[] r = new long[(int) v.size()];
        for (int i = 0; i < r.length; i++) r[i] = getLong(v, i);
        return r;
    }
}
