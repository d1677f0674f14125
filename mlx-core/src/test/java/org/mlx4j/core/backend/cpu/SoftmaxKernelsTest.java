package org.mlx4j.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.DType;
import org.mlx4j.core.backend.cpu.ReduceKernelsTest.Layout;

class SoftmaxKernelsTest {
    private static final DType[] FLOATS = {DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.BFLOAT16};

    private final Arena arena = Arena.ofShared();
    private final Random rnd = new Random(4242);

    @AfterEach
    void close() { arena.close(); }

    private static double tol(DType t) {
        return switch (t) {
            case FLOAT64 -> 1e-13;
            case FLOAT32 -> 2e-6;
            case FLOAT16 -> 2e-3;
            default -> 1.6e-2;
        };
    }

    private StridedView softmax(StridedView in) {
        StridedView out = StridedView.contiguous(ReduceKernelsTest.alloc(arena, in.dtype(), in.size()), in.dtype(), in.shape());
        SoftmaxKernels.softmax(in, out);
        return out;
    }

    private StridedView logsumexp(StridedView in, DType outType) {
        int[] os = in.shape().clone();
        os[os.length - 1] = 1;
        StridedView out = StridedView.contiguous(ReduceKernelsTest.alloc(arena, outType, StridedView.sizeOf(os)), outType, os);
        SoftmaxKernels.logsumexp(in, out);
        return out;
    }

    /** The row of {@code in} at leading index {@code lead}, as doubles. */
    private static double[] row(StridedView in, int[] lead) {
        int d = in.shape()[in.ndim() - 1];
        double[] x = new double[d];
        int[] idx = Arrays.copyOf(lead, in.ndim());
        for (int i = 0; i < d; i++) {
            idx[in.ndim() - 1] = i;
            x[i] = ElementAccess.getDouble(in.segment(), in.dtype(), ReduceKernelsTest.elementIndex(in, idx));
        }
        return x;
    }

    private static double refLogsumexp(double[] x) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) m = Double.isNaN(v) || Double.isNaN(m) ? Double.NaN : Math.max(m, v);
        if (Double.isNaN(m) || Double.isInfinite(m)) return m;
        double s = 0;
        for (double v : x) s += Math.exp(v - m);
        return m + Math.log(s);
    }

    /** Compares every row of softmax(in) with a float64 reference and checks it sums to 1. */
    private void checkSoftmax(StridedView in, String ctx) {
        StridedView out = softmax(in);
        DType t = in.dtype();
        int nd = in.ndim();
        int d = in.shape()[nd - 1];
        int[] leadShape = Arrays.copyOf(in.shape(), nd - 1);
        int[] lead = new int[nd - 1];
        long r = 0;
        do {
            double[] x = row(in, lead);
            double m = Arrays.stream(x).max().orElseThrow();
            double s = 0;
            for (double v : x) s += Math.exp(v - m);
            double sumOut = 0;
            for (int i = 0; i < d; i++) {
                double want = Math.exp(x[i] - m) / s;
                double got = ElementAccess.getDouble(out.segment(), t, r * d + i);
                assertThat(Math.abs(got - want)).as(ctx + " row " + r + " col " + i + " got " + got + " want " + want)
                        .isLessThanOrEqualTo(tol(t) * Math.max(want, 1e-3) + 1e-30);
                if (x[i] == Double.NEGATIVE_INFINITY) assertThat(got).isZero();
                sumOut += got;
            }
            assertThat(Math.abs(sumOut - 1)).as(ctx + " row " + r + " sum").isLessThanOrEqualTo(tol(t) * Math.max(8, Math.sqrt(d)));
            r++;
        } while (leadShape.length > 0 && ReduceKernelsTest.next(lead, leadShape));
    }

    private void checkLogsumexp(StridedView in, DType outType, String ctx) {
        StridedView out = logsumexp(in, outType);
        int nd = in.ndim();
        int[] leadShape = Arrays.copyOf(in.shape(), nd - 1);
        int[] lead = new int[nd - 1];
        long r = 0;
        do {
            double want = refLogsumexp(row(in, lead));
            double got = ElementAccess.getDouble(out.segment(), outType, r);
            if (Double.isNaN(want) || Double.isInfinite(want)) {
                if (Double.isNaN(want)) assertThat(got).as(ctx + " row " + r).isNaN();
                else assertThat(got).as(ctx + " row " + r).isEqualTo(want);
            } else {
                double t = Math.max(tol(in.dtype()), tol(outType));
                assertThat(Math.abs(got - want)).as(ctx + " row " + r + " got " + got + " want " + want)
                        .isLessThanOrEqualTo(t * Math.max(1, Math.abs(want)));
            }
            r++;
        } while (leadShape.length > 0 && ReduceKernelsTest.next(lead, leadShape));
    }

    /** A random array scaled by {@code scale}. */
    private StridedView random(DType t, int[] shape, Layout layout, double scale) {
        StridedView v = ReduceKernelsTest.make(arena, rnd, t, shape, layout, false);
        long stored = v.segment().byteSize() / t.size();
        for (long i = 0; i < stored; i++) ElementAccess.setDouble(v.segment(), t, i, (rnd.nextDouble() * 2 - 1) * scale);
        return v;
    }

    @Test
    void softmaxMatchesTheReferenceForEveryDtypeShapeAndLayout() {
        int[][] shapes = {{7, 37}, {3, 1}, {2, 3, 100}, {1000}, {4, 16}};
        for (DType t : FLOATS) {
            for (int[] shape : shapes) {
                for (Layout layout : Layout.values()) {
                    if (layout == Layout.BROADCAST && shape.length == 1) continue;
                    checkSoftmax(random(t, shape, layout, 3), t + " " + Arrays.toString(shape) + " " + layout);
                }
            }
        }
    }

    @Test
    void softmaxIsStableForLargeMagnitudesAndMinusInfinity() {
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.BFLOAT16, DType.FLOAT16}) {
            double scale = t == DType.FLOAT16 ? 6e4 : 1e4;
            StridedView big = random(t, new int[] {5, 300}, Layout.CONTIGUOUS, scale);
            checkSoftmax(big, "large " + t);
            StridedView outBig = softmax(big);
            for (long i = 0; i < outBig.size(); i++) {
                assertThat(ElementAccess.getDouble(outBig.segment(), t, i)).isFinite().isBetween(0.0, 1.0);
            }
            StridedView withInf = random(t, new int[] {6, 45}, Layout.CONTIGUOUS, 1e4);
            for (int r = 0; r < 6; r++) {
                for (int c = r; c < 45; c += 3) ElementAccess.setDouble(withInf.segment(), t, r * 45L + c, Double.NEGATIVE_INFINITY);
            }
            checkSoftmax(withInf, "-inf entries " + t);
        }
        // a row that is all -inf has no finite max: exp(-inf - -inf) is NaN, as in MLX and NumPy
        MemorySegment seg = ReduceKernelsTest.alloc(arena, DType.FLOAT32, 4);
        for (int i = 0; i < 4; i++) ElementAccess.setDouble(seg, DType.FLOAT32, i, Double.NEGATIVE_INFINITY);
        StridedView out = softmax(StridedView.contiguous(seg, DType.FLOAT32, 1, 4));
        assertThat(ElementAccess.getDouble(out.segment(), DType.FLOAT32, 0)).isNaN();
    }

    @Test
    void softmaxOnManyRowsUsesThreadsAndMatches() {
        checkSoftmax(random(DType.FLOAT32, new int[] {400, 700}, Layout.CONTIGUOUS, 5), "threaded f32");
        checkSoftmax(random(DType.FLOAT64, new int[] {300, 333}, Layout.TRANSPOSED, 5), "threaded f64 transposed");
        checkSoftmax(random(DType.FLOAT32, new int[] {2, 100_000}, Layout.CONTIGUOUS, 5), "long rows");
    }

    @Test
    void logsumexpMatchesTheReference() {
        int[][] shapes = {{7, 37}, {3, 1}, {2, 3, 100}, {1000}, {200, 300}};
        for (DType t : FLOATS) {
            for (int[] shape : shapes) {
                for (Layout layout : new Layout[] {Layout.CONTIGUOUS, Layout.TRANSPOSED, Layout.STEP2, Layout.REVERSED}) {
                    checkLogsumexp(random(t, shape, layout, 10), t, t + " " + Arrays.toString(shape) + " " + layout);
                }
            }
            checkLogsumexp(random(t, new int[] {4, 50}, Layout.CONTIGUOUS, 1e4), t, "large " + t);
        }
        checkLogsumexp(random(DType.FLOAT16, new int[] {4, 50}, Layout.CONTIGUOUS, 3), DType.FLOAT32, "f16 -> f32");
    }

    @Test
    void logsumexpSpecialValues() {
        double inf = Double.POSITIVE_INFINITY;
        double[][] rows = {
                {-inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf},
                {1, 2, inf, 3, -inf, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                {1, Double.NaN, inf, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                {-inf, 0, -inf, 0, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf},
                {1e4, 1e4, -1e4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        };
        double[] expected = {-inf, inf, Double.NaN, Math.log(2), 1e4 + Math.log(2)};
        for (DType t : FLOATS) {
            int d = rows[0].length;
            MemorySegment seg = ReduceKernelsTest.alloc(arena, t, (long) rows.length * d);
            for (int r = 0; r < rows.length; r++) {
                for (int c = 0; c < d; c++) ElementAccess.setDouble(seg, t, (long) r * d + c, rows[r][c]);
            }
            StridedView out = logsumexp(StridedView.contiguous(seg, t, rows.length, d), DType.FLOAT64);
            for (int r = 0; r < rows.length; r++) {
                double got = ElementAccess.getDouble(out.segment(), DType.FLOAT64, r);
                double stored = ElementAccess.getDouble(seg, t, (long) r * d); // 1e4 rounds in halves
                double want = r == 4 ? stored + Math.log(2) : expected[r];
                if (Double.isNaN(want)) assertThat(got).as(t + " row " + r).isNaN();
                else assertThat(got).as(t + " row " + r).isCloseTo(want, org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(want))));
            }
        }
        // an empty last axis: log(0) = -inf; softmax of it writes nothing
        StridedView empty = StridedView.contiguous(ReduceKernelsTest.alloc(arena, DType.FLOAT32, 1), DType.FLOAT32, 3, 0);
        StridedView out = logsumexp(empty, DType.FLOAT32);
        for (int i = 0; i < 3; i++) assertThat(ElementAccess.getDouble(out.segment(), DType.FLOAT32, i)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(softmax(empty).size()).isZero();
    }

    @Test
    void invalidArgumentsAreRejected() {
        StridedView in = random(DType.FLOAT32, new int[] {2, 3}, Layout.CONTIGUOUS, 1);
        StridedView ints = StridedView.contiguous(ReduceKernelsTest.alloc(arena, DType.INT32, 6), DType.INT32, 2, 3);
        assertThatThrownBy(() -> SoftmaxKernels.softmax(ints, ints)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("softmax");
        StridedView f16 = StridedView.contiguous(ReduceKernelsTest.alloc(arena, DType.FLOAT16, 6), DType.FLOAT16, 2, 3);
        assertThatThrownBy(() -> SoftmaxKernels.softmax(in, f16)).isInstanceOf(IllegalArgumentException.class);
        StridedView wrongShape = StridedView.contiguous(ReduceKernelsTest.alloc(arena, DType.FLOAT32, 6), DType.FLOAT32, 3, 2);
        assertThatThrownBy(() -> SoftmaxKernels.softmax(in, wrongShape)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SoftmaxKernels.logsumexp(in, wrongShape)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("logsumexp");
    }
}
