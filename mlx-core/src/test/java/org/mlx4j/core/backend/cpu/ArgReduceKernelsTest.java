package org.mlx4j.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.DType;
import org.mlx4j.core.backend.cpu.ReduceKernelsTest.Layout;

class ArgReduceKernelsTest {
    private final Arena arena = Arena.ofShared();
    private final Random rnd = new Random(77);

    @AfterEach
    void close() { arena.close(); }

    private StridedView arg(boolean isMax, StridedView in, int axis) {
        int[] os = in.shape().clone();
        os[axis] = 1;
        StridedView out = StridedView.contiguous(ReduceKernelsTest.alloc(arena, DType.UINT32, StridedView.sizeOf(os)),
                DType.UINT32, os);
        ArgReduceKernels.argReduce(isMax, in, axis, out);
        return out;
    }

    /** Reference: walk the axis in index order; NaN wins at once, otherwise only strictly better values win. */
    static long referenceIndex(boolean isMax, StridedView in, int[] idx, int axis) {
        DType t = in.dtype();
        long best = 0;
        double br = 0, bi = 0;
        long bl = 0;
        for (int k = 0; k < in.shape()[axis]; k++) {
            idx[axis] = k;
            long e = ReduceKernelsTest.elementIndex(in, idx);
            if (t.isInexact()) {
                double r = ElementAccess.getDouble(in.segment(), t, e);
                double im = ElementAccess.getImag(in.segment(), t, e);
                if (Double.isNaN(r) || Double.isNaN(im)) return k;
                int c = k == 0 ? 1 : r != br ? Double.compare(r, br) : Double.compare(im, bi);
                if (r == br && im == bi) c = 0; // -0.0 ties with 0.0
                if (k == 0 || (isMax ? c > 0 : c < 0)) {
                    best = k;
                    br = r;
                    bi = im;
                }
            } else {
                long v = ElementAccess.getLong(in.segment(), t, e);
                int c = t == DType.UINT64 ? Long.compareUnsigned(v, bl) : Long.compare(v, bl);
                if (k == 0 || (isMax ? c > 0 : c < 0)) {
                    best = k;
                    bl = v;
                }
            }
        }
        return best;
    }

    private void check(boolean isMax, StridedView in, int axis, String ctx) {
        StridedView out = arg(isMax, in, axis);
        assertThat(out.dtype()).isEqualTo(DType.UINT32);
        int[] os = out.shape();
        int[] oi = new int[os.length];
        int o = 0;
        do {
            int[] idx = oi.clone();
            long want = referenceIndex(isMax, in, idx, axis);
            long got = Integer.toUnsignedLong(out.segment().getAtIndex(ValueLayout.JAVA_INT, o));
            if (got != want) { // the message is only built for a failure
                fail(ctx + (isMax ? " argmax" : " argmin") + " at " + Arrays.toString(oi) + ": got " + got + " want " + want);
            }
            o++;
        } while (ReduceKernelsTest.next(oi, os));
    }

    /** Values drawn from a tiny set so ties are everywhere. */
    private void makeTies(StridedView v, long stored) {
        for (long i = 0; i < stored; i++) {
            int pick = rnd.nextInt(4);
            if (v.dtype() == DType.COMPLEX64) {
                ElementAccess.setComplex(v.segment(), i, pick / 2, pick % 2);
            } else if (v.dtype().isFloating()) {
                ElementAccess.setDouble(v.segment(), v.dtype(), i, new double[] {-0.0, 0.0, 1.5, -2.0}[pick]);
            } else {
                ElementAccess.setLong(v.segment(), v.dtype(), i, pick - 1);
            }
        }
    }

    @Test
    void everyDtypeAxisAndLayoutMatchesTheReference() {
        int[] shape = {6, 9, 37};
        for (DType t : DType.values()) {
            for (Layout layout : Layout.values()) {
                StridedView in = ReduceKernelsTest.make(arena, rnd, t, shape, layout, false);
                for (int axis = 0; axis < shape.length; axis++) {
                    check(true, in, axis, t.mlxName() + " " + layout + " axis " + axis);
                    check(false, in, axis, t.mlxName() + " " + layout + " axis " + axis);
                }
            }
        }
    }

    @Test
    void firstOccurrenceWinsTies() {
        int[] shape = {7, 40, 45};
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64, DType.FLOAT16,
                DType.UINT8, DType.BOOL, DType.UINT64, DType.COMPLEX64}) {
            for (Layout layout : new Layout[] {Layout.CONTIGUOUS, Layout.TRANSPOSED, Layout.STEP2}) {
                StridedView in = ReduceKernelsTest.make(arena, rnd, t, shape, layout, false);
                long stored = in.segment().byteSize() / t.size();
                makeTies(in, stored);
                for (int axis = 0; axis < 3; axis++) {
                    check(true, in, axis, "ties " + t.mlxName() + " " + layout + " axis " + axis);
                    check(false, in, axis, "ties " + t.mlxName() + " " + layout + " axis " + axis);
                }
            }
        }
        // -0.0 and 0.0 tie: the first of them wins for argmax
        MemorySegment z = ReduceKernelsTest.alloc(arena, DType.FLOAT32, 40);
        for (int i = 0; i < 40; i++) z.setAtIndex(ValueLayout.JAVA_FLOAT, i, -1f);
        z.setAtIndex(ValueLayout.JAVA_FLOAT, 20, -0.0f);
        z.setAtIndex(ValueLayout.JAVA_FLOAT, 30, 0.0f);
        StridedView zv = StridedView.contiguous(z, DType.FLOAT32, 40);
        assertThat(arg(true, zv, 0).segment().getAtIndex(ValueLayout.JAVA_INT, 0)).isEqualTo(20);
    }

    @Test
    void firstNanWinsForBothArgmaxAndArgmin() {
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.BFLOAT16, DType.COMPLEX64}) {
            for (int n : new int[] {3, 17, 100, 5000}) {
                int first = n / 3, second = n - 1;
                MemorySegment seg = ReduceKernelsTest.alloc(arena, t, 4L * n);
                ReduceKernelsTest.fillRandom(seg, t, 4L * n, rnd, false);
                // shape (n, 4): axis 0 is a column scan, the transpose is a contiguous scan
                for (int c = 0; c < 4; c++) {
                    ElementAccess.setDouble(seg, t, (long) first * 4 + c, Double.NaN);
                    ElementAccess.setDouble(seg, t, (long) second * 4 + c, Double.NaN);
                }
                StridedView cols = StridedView.contiguous(seg, t, n, 4);
                StridedView rows = new StridedView(seg, 0, new int[] {4, n}, new long[] {1, 4}, t);
                for (boolean isMax : new boolean[] {true, false}) {
                    StridedView a = arg(isMax, cols, 0);
                    StridedView b = arg(isMax, rows, 1);
                    for (int c = 0; c < 4; c++) {
                        assertThat(a.segment().getAtIndex(ValueLayout.JAVA_INT, c)).as(t + " n=" + n).isEqualTo(first);
                        assertThat(b.segment().getAtIndex(ValueLayout.JAVA_INT, c)).as(t + " n=" + n).isEqualTo(first);
                    }
                    check(isMax, cols, 1, "nan rows " + t);
                }
            }
        }
    }

    @Test
    void infinitiesAndAllEqualRows() {
        MemorySegment seg = ReduceKernelsTest.alloc(arena, DType.FLOAT32, 64);
        for (int i = 0; i < 64; i++) seg.setAtIndex(ValueLayout.JAVA_FLOAT, i, Float.NEGATIVE_INFINITY);
        StridedView v = StridedView.contiguous(seg, DType.FLOAT32, 64);
        assertThat(arg(true, v, 0).segment().getAtIndex(ValueLayout.JAVA_INT, 0)).isZero();
        assertThat(arg(false, v, 0).segment().getAtIndex(ValueLayout.JAVA_INT, 0)).isZero();
        seg.setAtIndex(ValueLayout.JAVA_FLOAT, 50, Float.POSITIVE_INFINITY);
        seg.setAtIndex(ValueLayout.JAVA_FLOAT, 51, Float.POSITIVE_INFINITY);
        assertThat(arg(true, v, 0).segment().getAtIndex(ValueLayout.JAVA_INT, 0)).isEqualTo(50);
        // a broadcast axis: every element is the first
        StridedView b = new StridedView(seg, 50, new int[] {3, 1000}, new long[] {1, 0}, DType.FLOAT32);
        StridedView out = arg(true, b, 1);
        for (int i = 0; i < 3; i++) assertThat(out.segment().getAtIndex(ValueLayout.JAVA_INT, i)).isZero();
        // a broadcast kept axis repeats the result
        StridedView bk = new StridedView(seg, 0, new int[] {5, 64}, new long[] {0, 1}, DType.FLOAT32);
        StridedView outk = arg(true, bk, 1);
        for (int i = 0; i < 5; i++) assertThat(outk.segment().getAtIndex(ValueLayout.JAVA_INT, i)).isEqualTo(50);
        // size-1 axis
        assertThat(arg(false, StridedView.contiguous(seg, DType.FLOAT32, 64, 1), 1).size()).isEqualTo(64);
    }

    @Test
    void largeInputsUseTheThreadedPaths() {
        for (DType t : new DType[] {DType.FLOAT32, DType.INT64, DType.FLOAT16, DType.INT8}) {
            StridedView rows = ReduceKernelsTest.make(arena, rnd, t, new int[] {2, 150_000}, Layout.CONTIGUOUS, false);
            check(true, rows, 1, "big rows " + t);
            check(false, rows, 1, "big rows " + t);
            StridedView strided = ReduceKernelsTest.make(arena, rnd, t, new int[] {2, 140_000}, Layout.STEP2, false);
            check(true, strided, 1, "big strided " + t);
            StridedView cols = ReduceKernelsTest.make(arena, rnd, t, new int[] {400, 1100}, Layout.CONTIGUOUS, false);
            check(true, cols, 0, "big columns " + t);
            check(false, cols, 0, "big columns " + t);
        }
    }

    @Test
    void invalidArgumentsAreRejected() {
        StridedView in = ReduceKernelsTest.make(arena, rnd, DType.FLOAT32, new int[] {3, 4}, Layout.CONTIGUOUS, false);
        StridedView wrongType = StridedView.contiguous(ReduceKernelsTest.alloc(arena, DType.INT32, 3), DType.INT32, 3, 1);
        assertThatThrownBy(() -> ArgReduceKernels.argReduce(true, in, 1, wrongType))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uint32");
        StridedView out = StridedView.contiguous(ReduceKernelsTest.alloc(arena, DType.UINT32, 3), DType.UINT32, 3, 1);
        assertThatThrownBy(() -> ArgReduceKernels.argReduce(true, in, 2, out)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArgReduceKernels.argReduce(true, in, 0, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output shape");
        StridedView empty = StridedView.contiguous(ReduceKernelsTest.alloc(arena, DType.FLOAT32, 1), DType.FLOAT32, 3, 0);
        assertThatThrownBy(() -> ArgReduceKernels.argReduce(false, empty, 1, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        StridedView emptyOut = StridedView.contiguous(ReduceKernelsTest.alloc(arena, DType.UINT32, 1), DType.UINT32, 1, 0);
        ArgReduceKernels.argReduce(false, empty, 0, emptyOut); // nothing to write
    }
}
