package org.mlx4j.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlx4j.core.backend.cpu.ScanKernelsTestSupport.*;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.DType;
import org.mlx4j.core.backend.cpu.ScanKernels.Op;
import org.mlx4j.core.backend.cpu.ScanKernelsTestSupport.Layout;

class ScanKernelsTest {

    @Test
    void everyRealDtypeOpAxisDirectionAndLayoutMatchesReference() {
        Random r = new Random(11);
        int[] shape = {5, 7, 9};
        int cases = 0;
        for (DType t : REAL_TYPES) {
            for (Op op : Op.values()) {
                if (op == Op.LOGADDEXP && !t.isFloating()) continue;
                for (Layout layout : Layout.values()) {
                    StridedView in = random(t, r, layout, shape);
                    for (int axis = 0; axis < 3; axis++) {
                        for (int flags = 0; flags < 4; flags++) {
                            check(op, in, axis, (flags & 1) != 0, (flags & 2) != 0, t);
                            cases++;
                        }
                    }
                }
            }
        }
        assertThat(cases).isGreaterThan(1000);
    }

    @Test
    void negativeAxisAndOddShapes() {
        Random r = new Random(12);
        for (int[] shape : new int[][] {{6}, {1, 1, 13}, {13, 1, 1}, {2, 1, 3, 1}, {3, 17}, {1}}) {
            for (DType t : new DType[] {DType.FLOAT32, DType.INT32, DType.FLOAT16}) {
                StridedView in = random(t, r, Layout.REVERSED, shape);
                for (int axis = -shape.length; axis < shape.length; axis++) {
                    check(Op.SUM, in, axis, axis % 2 == 0, axis % 3 != 0, t);
                    check(Op.MAX, in, axis, true, true, t);
                }
            }
        }
    }

    @Test
    void longRowsAndWideColumnsUseBlocksTilesAndThreads() {
        Random r = new Random(13);
        // Rows longer than one block, with odd tails; many rows split over threads.
        check(Op.SUM, random(DType.FLOAT64, r, Layout.CONTIGUOUS, 3, 10001), 1, false, true, DType.FLOAT64);
        check(Op.SUM, random(DType.INT64, r, Layout.STEPPED, 3, 10001), 1, true, false, DType.INT64);
        check(Op.MAX, random(DType.FLOAT32, r, Layout.CONTIGUOUS, 700, 101), 1, false, true, DType.FLOAT32);
        // Outer-axis scans: narrow columns, and columns wider than one tile.
        check(Op.SUM, random(DType.INT32, r, Layout.PERMUTED, 3, 2500, 3), 1, true, true, DType.INT32);
        check(Op.MIN, random(DType.FLOAT32, r, Layout.CONTIGUOUS, 2, 12, 3001), 1, false, false, DType.FLOAT32);
        check(Op.SUM, random(DType.FLOAT32, r, Layout.CONTIGUOUS, 24, 3000), 0, true, true, DType.FLOAT32);
        check(Op.PROD, random(DType.INT16, r, Layout.PERMUTED, 24, 2500), 0, false, false, DType.INT16);
    }

    @Test
    void inputConvertsToTheOutputDtype() {
        Random r = new Random(14);
        int[] shape = {4, 6};
        check(Op.SUM, random(DType.BOOL, r, Layout.CONTIGUOUS, shape), 1, false, true, DType.INT32);
        check(Op.SUM, random(DType.INT32, r, Layout.PERMUTED, shape), 0, false, true, DType.FLOAT32);
        check(Op.PROD, random(DType.FLOAT32, r, Layout.CONTIGUOUS, shape), 1, true, true, DType.FLOAT64);
        check(Op.SUM, random(DType.FLOAT16, r, Layout.STEPPED, shape), 1, false, false, DType.FLOAT32);
        // int64 into int8: values are wrapped before max compares them
        check(Op.MAX, random(DType.INT64, r, Layout.CONTIGUOUS, shape), 1, false, true, DType.INT8);
        check(Op.MIN, random(DType.INT32, r, Layout.CONTIGUOUS, shape), 0, true, false, DType.UINT16);
    }

    @Test
    void specialFloatValues() {
        float nan = Float.NaN, inf = Float.POSITIVE_INFINITY;
        float[] cummax = run(Op.MAX, new float[] {1, nan, 3, 2}, false, true);
        assertThat(cummax[0]).isEqualTo(1f);
        assertThat(cummax[1]).isNaN();
        assertThat(cummax[3]).isNaN(); // NaN propagates like np.maximum.accumulate
        float[] cummin = run(Op.MIN, new float[] {3, 1, nan, 0}, true, true);
        assertThat(cummin).containsExactly(nan, nan, nan, 0f);

        float[] negZero = run(Op.SUM, new float[] {-0.0f, -0.0f, 1f}, false, true);
        assertThat(Float.floatToRawIntBits(negZero[0])).isEqualTo(Float.floatToRawIntBits(-0.0f));
        assertThat(Float.floatToRawIntBits(negZero[1])).isEqualTo(Float.floatToRawIntBits(-0.0f));
        float[] prodZero = run(Op.PROD, new float[] {-0.0f, 2f}, false, true);
        assertThat(Float.floatToRawIntBits(prodZero[1])).isEqualTo(Float.floatToRawIntBits(-0.0f));

        assertThat(run(Op.LOGADDEXP, new float[] {-inf, -inf, 0f, inf, 1f}, false, true))
                .containsExactly(-inf, -inf, 0f, inf, inf);
        assertThat(run(Op.LOGADDEXP, new float[] {0f, 0f}, false, false))
                .containsExactly(-inf, 0f);
        float[] lse = run(Op.LOGADDEXP, new float[] {1000f, 1000f}, false, true);
        assertThat(lse[1]).isCloseTo(1000f + (float) Math.log(2), org.assertj.core.data.Offset.offset(1e-3f));
        assertThat(run(Op.SUM, new float[] {inf, -inf, 1f}, false, true)[1]).isNaN();
        assertThat(run(Op.MAX, new float[] {1, 2, 3}, false, false)).containsExactly(-inf, 1f, 2f);
        assertThat(run(Op.MIN, new float[] {1, 2, 3}, true, false)).containsExactly(2f, 3f, inf);
    }

    @Test
    void integerSumsWrapAndExclusiveStartsFromTypeLimits() {
        StridedView in = contiguousInts(DType.INT8, 100, 100, -1);
        StridedView out = zeros(DType.INT8, 3);
        ScanKernels.scan(Op.SUM, in, 0, false, true, out);
        assertThat(longs(out)).containsExactly(100L, -56L, -57L);
        ScanKernels.scan(Op.MAX, in, 0, false, false, out);
        assertThat(longs(out)).containsExactly(-128L, 100L, 100L);
        StridedView u = contiguousInts(DType.UINT64, -1L, 5, Long.MIN_VALUE);
        StridedView uo = zeros(DType.UINT64, 3);
        ScanKernels.scan(Op.MIN, u, 0, false, false, uo);
        assertThat(longs(uo)).containsExactly(-1L, -1L, 5L); // unsigned: 2^64-1 is the largest
        ScanKernels.scan(Op.MAX, u, 0, true, true, uo);
        assertThat(longs(uo)).containsExactly(-1L, Long.MIN_VALUE, Long.MIN_VALUE);
    }

    @Test
    void complexSumProdAndMax() {
        Random r = new Random(15);
        int[] shape = {3, 4, 5};
        for (Layout layout : new Layout[] {Layout.CONTIGUOUS, Layout.REVERSED}) {
            StridedView in = view(DType.COMPLEX64, shape, layout, (s, t, index, linear) ->
                    ElementAccess.setComplex(s, index, (r.nextInt(9) - 4) / 4f, (r.nextInt(9) - 4) / 4f));
            for (Op op : new Op[] {Op.SUM, Op.PROD, Op.MAX, Op.MIN}) {
                for (int axis = 0; axis < 3; axis++) {
                    for (int flags = 0; flags < 4; flags++) {
                        checkComplex(op, in, axis, (flags & 1) != 0, (flags & 2) != 0);
                    }
                }
            }
        }
        // real input into a complex output
        StridedView real = random(DType.FLOAT32, r, Layout.CONTIGUOUS, 2, 3);
        checkComplex(Op.SUM, real, 1, false, true);
    }

    @Test
    void emptyArraysAreNoOps() {
        // empty views over memory filled with a sentinel: a scan of nothing must write nothing (an exclusive
        // scan must not store its identity, a reverse one must not touch the element before the start)
        float sentinel = 12345.5f;
        int slack = 8;
        int scans = 0;
        for (int[] shape : new int[][] {{0, 3}, {3, 0}, {0}, {2, 0, 4}}) {
            for (Op op : Op.values()) {
                for (int axis = 0; axis < shape.length; axis++) {
                    for (int flags = 0; flags < 4; flags++) {
                        java.lang.foreign.MemorySegment inMem = ARENA.allocate(slack * 4L, 64);
                        java.lang.foreign.MemorySegment outMem = ARENA.allocate(slack * 4L, 64);
                        for (int i = 0; i < slack; i++) {
                            inMem.setAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT, i, sentinel);
                            outMem.setAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT, i, sentinel);
                        }
                        StridedView in = StridedView.contiguous(inMem, DType.FLOAT32, shape);
                        StridedView out = StridedView.contiguous(outMem, DType.FLOAT32, shape);
                        ScanKernels.scan(op, in, axis, (flags & 1) != 0, (flags & 2) != 0, out);
                        scans++;
                        for (int i = 0; i < slack; i++) {
                            assertThat(outMem.getAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT, i))
                                    .as("%s of %s along %d (flags %d): memory slot %d", op, java.util.Arrays.toString(shape), axis, flags, i)
                                    .isEqualTo(sentinel);
                            assertThat(inMem.getAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT, i)).isEqualTo(sentinel);
                        }
                    }
                }
            }
        }
        assertThat(scans).isEqualTo(Op.values().length * 4 * (2 + 2 + 1 + 3));
    }

    @Test
    void badArgumentsAreNamed() {
        StridedView in = zeros(DType.FLOAT32, 2, 3);
        assertThatThrownBy(() -> ScanKernels.scan(Op.SUM, in, 2, false, true, zeros(DType.FLOAT32, 2, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("axis 2");
        assertThatThrownBy(() -> ScanKernels.scan(Op.SUM, in, 0, false, true, zeros(DType.FLOAT32, 3, 2)))
                .hasMessageContaining("[3, 2]").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> ScanKernels.scan(Op.SUM, zeros(DType.COMPLEX64, 2), 0, false, true,
                zeros(DType.FLOAT32, 2))).hasMessageContaining("complex64");
        assertThatThrownBy(() -> ScanKernels.scan(Op.LOGADDEXP, zeros(DType.COMPLEX64, 2), 0, false, true,
                zeros(DType.COMPLEX64, 2))).hasMessageContaining("logaddexp");
        StridedView notContiguous = new StridedView(in.segment(), 0, new int[] {3, 2}, new long[] {1, 3}, DType.FLOAT32);
        assertThatThrownBy(() -> ScanKernels.scan(Op.SUM, zeros(DType.FLOAT32, 3, 2), 0, false, true, notContiguous))
                .hasMessageContaining("contiguous");
    }

    // ---- reference ----

    private static void check(Op op, StridedView in, int axis, boolean reverse, boolean inclusive, DType outType) {
        int[] shape = in.shape();
        StridedView out = zeros(outType, shape);
        ScanKernels.scan(op, in, axis, reverse, inclusive, out);
        int ax = axis < 0 ? axis + shape.length : axis;
        int n = shape[ax];
        long size = in.size();
        for (long p = 0; p < size; p++) {
            int[] idx = unravel(p, shape);
            if (idx[ax] != 0) continue; // p is the start of a line along the axis
            double acc = floatIdentity(op, inclusive);
            double mag = 0;
            long lacc = intIdentity(op, outType);
            for (int jj = 0; jj < n; jj++) {
                idx[ax] = reverse ? n - 1 - jj : jj;
                long at = ravel(idx, shape);
                int[] at0 = idx.clone();
                java.util.function.Supplier<String> where = () -> op + " " + in + " axis " + axis + " reverse " + reverse
                        + " inclusive " + inclusive + " -> " + outType.mlxName() + " at " + java.util.Arrays.toString(at0);
                if (outType.isFloating()) {
                    double x = round(getDouble(in, at), outType == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32);
                    double next = switch (op) {
                        case SUM -> acc + x;
                        case PROD -> acc * x;
                        case MAX -> Math.max(acc, x);
                        case MIN -> Math.min(acc, x);
                        case LOGADDEXP -> ScanKernelsLane.logAddExp(acc, x);
                    };
                    mag = op == Op.PROD ? Math.abs(next) : mag + Math.abs(x) + (op == Op.LOGADDEXP ? 1 : 0);
                    double want = round(inclusive ? next : acc, outType);
                    double got = getDouble(out, at);
                    assertClose(got, want, tolerance(outType, op, mag, jj + 1), where);
                    acc = next;
                } else {
                    long x = wrap(getLong(in, at), outType);
                    long next = switch (op) {
                        case SUM -> wrap(lacc + x, outType);
                        case PROD -> wrap(lacc * x, outType);
                        case MAX -> outType == DType.UINT64 ? (Long.compareUnsigned(lacc, x) >= 0 ? lacc : x) : Math.max(lacc, x);
                        case MIN -> outType == DType.UINT64 ? (Long.compareUnsigned(lacc, x) <= 0 ? lacc : x) : Math.min(lacc, x);
                        case LOGADDEXP -> throw new AssertionError();
                    };
                    long gotL = getLong(out, at), wantL = inclusive ? next : lacc;
                    if (gotL != wantL) assertThat(gotL).as(where.get()).isEqualTo(wantL);
                    lacc = next;
                }
            }
        }
    }

    private static double floatIdentity(Op op, boolean inclusive) {
        return switch (op) {
            case SUM -> inclusive ? -0.0 : 0.0;
            case PROD -> 1;
            case MAX, LOGADDEXP -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
        };
    }

    private static long intIdentity(Op op, DType t) {
        return switch (op) {
            case SUM -> 0;
            case PROD -> 1;
            case MAX -> t.isSignedInteger() ? -(1L << (8 * t.size() - 1)) : 0;
            case MIN -> switch (t) {
                case BOOL -> 1;
                case UINT64 -> -1L;
                case INT64 -> Long.MAX_VALUE;
                default -> t.isSignedInteger() ? (1L << (8 * t.size() - 1)) - 1 : (1L << (8 * t.size())) - 1;
            };
            case LOGADDEXP -> 0;
        };
    }

    private static double tolerance(DType t, Op op, double mag, int steps) {
        double eps = switch (t) {
            case FLOAT64 -> 1e-15;
            case FLOAT32 -> 1.2e-7;
            case FLOAT16 -> 1e-3;
            default -> 8e-3;
        };
        double accEps = t == DType.FLOAT64 ? 1e-15 : 1.2e-7; // accumulation precision
        if (op == Op.MAX || op == Op.MIN) return 0;
        return eps * mag + accEps * steps * mag * 2 + 1e-30;
    }

    private static void assertClose(double got, double want, double tol, java.util.function.Supplier<String> where) {
        boolean ok = Double.isNaN(want) ? Double.isNaN(got)
                : Double.isInfinite(want) || tol == 0 ? got == want : Math.abs(got - want) <= tol;
        if (!ok) assertClose(got, want, tol, where.get());
    }

    private static void assertClose(double got, double want, double tol, String where) {
        if (Double.isNaN(want)) {
            assertThat(got).as(where).isNaN();
        } else if (Double.isInfinite(want) || tol == 0) {
            assertThat(got).as(where).isEqualTo(want);
        } else {
            assertThat(Math.abs(got - want)).as(where + " got " + got + " want " + want).isLessThanOrEqualTo(tol);
        }
    }

    private static void checkComplex(Op op, StridedView in, int axis, boolean reverse, boolean inclusive) {
        int[] shape = in.shape();
        StridedView out = zeros(DType.COMPLEX64, shape);
        ScanKernels.scan(op, in, axis, reverse, inclusive, out);
        int n = shape[axis];
        for (long p = 0; p < in.size(); p++) {
            int[] idx = unravel(p, shape);
            if (idx[axis] != 0) continue;
            double cr = op == Op.PROD ? 1 : op == Op.MAX ? Double.NEGATIVE_INFINITY : op == Op.MIN ? Double.POSITIVE_INFINITY : 0;
            double ci = 0;
            for (int jj = 0; jj < n; jj++) {
                idx[axis] = reverse ? n - 1 - jj : jj;
                long at = ravel(idx, shape);
                long src = offsetOf(in, at);
                double xr = ElementAccess.getDouble(in.segment(), in.dtype(), src);
                double xi = ElementAccess.getImag(in.segment(), in.dtype(), src);
                double nr, ni;
                switch (op) {
                    case SUM -> { nr = cr + xr; ni = ci + xi; }
                    case PROD -> { nr = cr * xr - ci * xi; ni = cr * xi + ci * xr; }
                    case MAX -> {
                        boolean keep = cr > xr || (cr == xr && ci >= xi);
                        nr = keep ? cr : xr;
                        ni = keep ? ci : xi;
                    }
                    default -> {
                        boolean keep = cr < xr || (cr == xr && ci <= xi);
                        nr = keep ? cr : xr;
                        ni = keep ? ci : xi;
                    }
                }
                double wr = inclusive ? nr : cr, wi = inclusive ? ni : ci;
                float gr = out.segment().getAtIndex(ElementAccess.F32, 2 * at);
                float gi = out.segment().getAtIndex(ElementAccess.F32, 2 * at + 1);
                String where = op + " axis " + axis + " at " + java.util.Arrays.toString(idx);
                assertClose(gr, wr, 1e-5 * (1 + Math.abs(wr)), where + " real");
                assertClose(gi, wi, 1e-5 * (1 + Math.abs(wi)), where + " imag");
                cr = nr;
                ci = ni;
            }
        }
    }

    private static float[] run(Op op, float[] values, boolean reverse, boolean inclusive) {
        StridedView in = zeros(DType.FLOAT32, values.length);
        for (int i = 0; i < values.length; i++) in.segment().setAtIndex(ElementAccess.F32, i, values[i]);
        StridedView out = zeros(DType.FLOAT32, values.length);
        ScanKernels.scan(op, in, 0, reverse, inclusive, out);
        float[] r = new float[values.length];
        for (int i = 0; i < r.length; i++) r[i] = out.segment().getAtIndex(ElementAccess.F32, i);
        return r;
    }

    private static StridedView contiguousInts(DType t, long... values) {
        return indexVector(t, values);
    }

    private static long[] longs(StridedView v) {
        long[] r = new long[(int) v.size()];
        for (int i = 0; i < r.length; i++) r[i] = getLong(v, i);
        return r;
    }
}
