package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.TestArrays.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reductions over single, multiple, negative and all axes, with and without keepdims, on contiguous
 * and non-contiguous (transposed, sliced with negative steps, broadcast) inputs, against float64
 * reference code; plus softmax, argmax/argmin, result dtypes and errors.
 */
class ReductionOpsTest {

    @FunctionalInterface
    interface Reducer { Array apply(Array a, int[] axes, boolean keepdims); }

    @FunctionalInterface
    interface RefReducer { double[] apply(double[] x, int[] shape, int[] axes); }

    /** A reduction, its reference, and the input range it is tested on. */
    record Red(String name, Reducer op, RefReducer ref, double lo, double hi, boolean boolResult) {
        @Override
        public String toString() { return name; }
    }

    static List<Red> reducers() {
        List<Red> r = new ArrayList<>();
        r.add(new Red("sum", Mx::sum, TestArrays::sumRef, -2, 2, false));
        r.add(new Red("prod", Mx::prod, (x, s, a) -> reduceRef(x, s, a, 1, (p, q) -> p * q), 0.6, 1.5, false));
        r.add(new Red("max", Mx::max, (x, s, a) -> reduceRef(x, s, a, Double.NEGATIVE_INFINITY, Math::max), -2, 2, false));
        r.add(new Red("min", Mx::min, (x, s, a) -> reduceRef(x, s, a, Double.POSITIVE_INFINITY, Math::min), -2, 2, false));
        r.add(new Red("mean", Mx::mean, TestArrays::meanRef, -2, 2, false));
        r.add(new Red("var", (a, ax, k) -> Mx.var(a, ax, k, 0), (x, s, a) -> varRef(x, s, 0, a), -2, 2, false));
        r.add(new Red("var(ddof=1)", (a, ax, k) -> Mx.var(a, ax, k, 1), (x, s, a) -> varRef(x, s, 1, a), -2, 2, false));
        r.add(new Red("std", (a, ax, k) -> Mx.std(a, ax, k, 0), (x, s, a) -> mapRef(varRef(x, s, 0, a), Math::sqrt), -2, 2, false));
        r.add(new Red("logsumexp", Mx::logsumexp, TestArrays::logsumexpRef, -3, 3, false));
        // inputs of all/any are small integers stored as float32 so that zeros occur
        r.add(new Red("all", Mx::all, (x, s, a) -> reduceRef(x, s, a, 1, (p, q) -> p != 0 && q != 0 ? 1 : 0), -1, 4, true));
        r.add(new Red("any", Mx::any, (x, s, a) -> reduceRef(x, s, a, 0, (p, q) -> p != 0 || q != 0 ? 1 : 0), -1, 1, true));
        return r;
    }

    private static final int[] SHAPE = {3, 4, 5};

    static List<int[]> axesCases() {
        return List.of(new int[0], new int[] {0}, new int[] {1}, new int[] {2}, new int[] {-1}, new int[] {0, 2},
                new int[] {-1, -3}, new int[] {0, 1, 2}, new int[] {2, 0, 1}, new int[] {1, -1});
    }

    static Stream<Arguments> reducerAxesKeepdims() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Red r : reducers())
            for (int[] ax : axesCases())
                for (boolean k : new boolean[] {false, true}) b.add(Arguments.of(r, ax, k));
        return b.build();
    }

    /** Input values for a reducer: floats in its range, or small integers for all/any. */
    private static double[] inputFor(Red r, Random rng, int n, DType t) {
        if (r.boolResult()) {
            long[] l = randomLongs(rng, n, (long) r.lo(), (long) r.hi());
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = l[i] > 1 ? 1 : l[i];
            return v;
        }
        return storedAs(t, uniform(rng, n, r.lo(), r.hi()));
    }

    private static void check(Red r, Array result, double[] x, int[] shape, int[] axes, boolean keepdims, DType t) {
        int[] outShape = reducedShape(shape, axes, keepdims);
        double[] want = r.ref().apply(x, shape, axes);
        if (r.boolResult()) {
            assertExact(result, DType.BOOL, outShape, want);
        } else {
            double tol = t == DType.FLOAT64 ? 1e-12 : 1e-5;
            assertClose(result, t, outShape, storedAs(t, want), tol, tol);
        }
    }

    @ParameterizedTest(name = "{0} over {1} keepdims={2}")
    @MethodSource("reducerAxesKeepdims")
    void reductionOverAxesMatchesReference(Red r, int[] axes, boolean keepdims) {
        Random rng = new Random(r.name().hashCode() * 7L + Arrays.hashCode(axes) + (keepdims ? 1 : 0));
        double[] x = inputFor(r, rng, size(SHAPE), DType.FLOAT32);
        Array a = Mx.array(x, DType.FLOAT32, SHAPE);
        check(r, r.op().apply(a, axes, keepdims), x, SHAPE, axes, keepdims, DType.FLOAT32);
    }

    @ParameterizedTest(name = "{0} on float64")
    @MethodSource("reducers")
    void reductionOnFloat64(Red r) {
        Random rng = new Random(r.name().hashCode());
        double[] x = inputFor(r, rng, size(SHAPE), DType.FLOAT64);
        Array a = Mx.array(x, DType.FLOAT64, SHAPE);
        for (int[] axes : axesCases()) check(r, r.op().apply(a, axes, false), x, SHAPE, axes, false, DType.FLOAT64);
    }

    /** Layouts that are not row-major contiguous, built from a (3, 4, 5) base. */
    record Layout(String name, Function<Array, Array> view, Function<double[], double[]> ref, int[] shape) {
        @Override
        public String toString() { return name; }
    }

    static List<Layout> layouts() {
        int[] s = SHAPE;
        int[] st = {0, -1, 1}, sp = {3, -100, 4}, stp = {2, -1, 1};
        return List.of(
                new Layout("transposed", a -> a.transpose(2, 0, 1), x -> transposeRef(x, s, 2, 0, 1), permute(s, 2, 0, 1)),
                new Layout("sliced with negative step", a -> Mx.slice(a, st, sp, stp), x -> sliceRef(x, s, st, sp, stp), sliceShape(s, st, sp, stp)),
                new Layout("broadcast", a -> Mx.broadcastTo(Mx.slice(a, new int[] {0, 0, 0}, new int[] {1, 4, 1}, new int[] {1, 1, 1}), 3, 4, 5),
                        x -> broadcastRef(sliceRef(x, s, new int[] {0, 0, 0}, new int[] {1, 4, 1}, new int[] {1, 1, 1}), shape(1, 4, 1), s), s));
    }

    static Stream<Arguments> reducerLayouts() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Red r : reducers()) for (Layout l : layouts()) b.add(Arguments.of(r, l));
        return b.build();
    }

    @ParameterizedTest(name = "{0} of a {1} input")
    @MethodSource("reducerLayouts")
    void reductionOfNonContiguousInput(Red r, Layout l) {
        Random rng = new Random(r.name().hashCode() * 13L + l.name().hashCode());
        double[] base = inputFor(r, rng, size(SHAPE), DType.FLOAT32);
        Array v = l.view().apply(Mx.array(base, DType.FLOAT32, SHAPE));
        double[] x = l.ref().apply(base);
        assertThat(v.shape()).containsExactly(l.shape());
        for (int[] axes : List.of(new int[] {0}, new int[] {-1}, new int[] {0, 2}, new int[0])) {
            check(r, r.op().apply(v, axes, false), x, l.shape(), axes, false, DType.FLOAT32);
            check(r, r.op().apply(v, axes, true), x, l.shape(), axes, true, DType.FLOAT32);
        }
    }

    // ================================================================ softmax

    static List<int[]> softmaxAxes() {
        return List.of(new int[] {-1}, new int[] {0}, new int[] {1}, new int[] {-2}, new int[] {0, 2}, new int[] {0, 1, 2});
    }

    @ParameterizedTest(name = "softmax over {0}")
    @MethodSource("softmaxAxes")
    void softmaxMatchesReference(int[] axes) {
        Random rng = new Random(Arrays.hashCode(axes));
        Sample s = sample(rng, DType.FLOAT32, -3, 3, SHAPE);
        Array r = Mx.softmax(s.array(), axes);
        assertClose(r, DType.FLOAT32, SHAPE, softmaxRef(s.values(), SHAPE, axes), 1e-5, 1e-6);
        assertClose(Mx.sum(r, axes, false), DType.FLOAT32, reducedShape(SHAPE, axes, false),
                filled(size(reducedShape(SHAPE, axes, false)), 1), 1e-5, 1e-5);
        Array t = Mx.softmax(s.array().transpose(1, 2, 0), axes);
        int[] ts = permute(SHAPE, 1, 2, 0);
        assertClose(t, DType.FLOAT32, ts, softmaxRef(transposeRef(s.values(), SHAPE, 1, 2, 0), ts, axes), 1e-5, 1e-6);
    }

    private static double[] filled(int n, double v) {
        double[] r = new double[n];
        Arrays.fill(r, v);
        return r;
    }

    @Test
    void softmaxDefaultAxisIsTheLast() {
        Sample s = sample(new Random(1), DType.FLOAT64, -3, 3, 2, 5);
        assertClose(Mx.softmax(s.array()), DType.FLOAT64, shape(2, 5), softmaxRef(s.values(), s.shape(), -1));
    }

    @Test
    void softmaxIsStableForLargeAndInfiniteInputs() {
        Array x = Mx.array(new float[] {1000, 1001, Float.NEGATIVE_INFINITY, -1000, -1001, 0}, 2, 3);
        double e = Math.exp(-1);
        assertClose(Mx.softmax(x, -1), DType.FLOAT32, shape(2, 3),
                new double[] {e / (1 + e), 1 / (1 + e), 0, 0, 0, 1});
    }

    @Test
    void softmaxKeepsHalfDtypesAndPromotesIntegers() {
        Array h = Mx.array(new double[] {0, 1, 2}, DType.FLOAT16, 3);
        assertClose(Mx.softmax(h), DType.FLOAT16, shape(3), softmaxRef(new double[] {0, 1, 2}, shape(3), -1));
        Array i = Mx.array(new int[] {0, 1, 2}, 3);
        assertClose(Mx.softmax(i), DType.FLOAT32, shape(3), softmaxRef(new double[] {0, 1, 2}, shape(3), -1));
    }

    // ================================================================ argmax / argmin

    @Test
    void argmaxArgminAlongEachAxis() {
        Random rng = new Random(5);
        // small integers so that ties occur: the first index wins
        double[] x = new double[size(SHAPE)];
        long[] l = randomLongs(rng, x.length, -3, 3);
        for (int i = 0; i < x.length; i++) x[i] = l[i];
        Array a = Mx.array(x, DType.FLOAT32, SHAPE);
        for (int axis : new int[] {0, 1, 2, -1, -3}) {
            assertExact(Mx.argmax(a, axis), DType.UINT32, reducedShape(SHAPE, new int[] {axis}, false), argReduceRef(x, SHAPE, axis, true));
            assertExact(Mx.argmin(a, axis), DType.UINT32, reducedShape(SHAPE, new int[] {axis}, false), argReduceRef(x, SHAPE, axis, false));
            assertExact(Mx.argmax(a, axis, true), DType.UINT32, reducedShape(SHAPE, new int[] {axis}, true), argReduceRef(x, SHAPE, axis, true));
            assertExact(Mx.argmin(a.astype(DType.INT8), axis, true), DType.UINT32, reducedShape(SHAPE, new int[] {axis}, true), argReduceRef(x, SHAPE, axis, false));
        }
    }

    @Test
    void argmaxOfTheFlattenedArray() {
        Array a = Mx.array(new float[] {1, 9, 3, 9, -2, 0}, 2, 3);
        assertExact(Mx.argmax(a), DType.UINT32, shape(), 1);
        assertExact(Mx.argmin(a), DType.UINT32, shape(), 4);
        // the transpose flattens to [1, 9, 9, -2, 3, 0]
        assertExact(Mx.argmax(a.T()), DType.UINT32, shape(), 1);
        assertExact(Mx.argmin(a.T()), DType.UINT32, shape(), 3);
    }

    @Test
    void argmaxOfNonContiguousInput() {
        Random rng = new Random(8);
        Sample s = sample(rng, DType.FLOAT32, -5, 5, SHAPE);
        for (Layout l : layouts()) {
            Array v = l.view().apply(s.array());
            double[] x = l.ref().apply(s.values());
            assertExact(Mx.argmax(v, 1), DType.UINT32, reducedShape(l.shape(), new int[] {1}, false), argReduceRef(x, l.shape(), 1, true));
            assertExact(Mx.argmin(v, -1), DType.UINT32, reducedShape(l.shape(), new int[] {-1}, false), argReduceRef(x, l.shape(), -1, false));
        }
    }

    // ================================================================ dtypes

    @Test
    void sumAndProdResultDtypes() {
        Array b = Mx.array(new boolean[] {true, true, false, true}, 4);
        assertExact(Mx.sum(b), DType.INT32, shape(), 3);
        assertExact(Mx.prod(b), DType.INT32, shape(), 0);
        assertExact(Mx.sum(Mx.array(new int[] {1, 2, 3}, 3)), DType.INT32, shape(), 6);
        assertExact(Mx.sum(Mx.array(new long[] {1L << 40, 1}, 2)), DType.INT64, shape(), (1L << 40) + 1);
        assertExact(Mx.sum(Mx.array(new double[] {0.5, 1.25}, DType.FLOAT16, 2)), DType.FLOAT16, shape(), 1.75);
        assertExact(Mx.sum(Mx.array(new double[] {0.5, 1.25}, DType.BFLOAT16, 2)), DType.BFLOAT16, shape(), 1.75);
        assertExact(Mx.max(Mx.array(new double[] {-5, 7}, DType.INT8, 2)), DType.INT8, shape(), 7);
        assertExact(Mx.min(Mx.array(new double[] {200, 7}, DType.UINT8, 2)), DType.UINT8, shape(), 7);
    }

    /** MLX sums and multiplies small integers in 32 bits: int8/int16 give int32, uint8/uint16 give uint32. */
    @Test
    void sumAndProdOfSmallIntegersAccumulateIn32Bits() {
        Array i8 = Mx.array(new double[] {100, 100, 100}, DType.INT8, 3);
        assertExact(Mx.sum(i8), DType.INT32, shape(), 300);
        assertExact(Mx.prod(Mx.array(new double[] {200, 300}, DType.INT16, 2)), DType.INT32, shape(), 60000);
        assertExact(Mx.sum(Mx.array(new double[] {200, 100}, DType.UINT8, 2)), DType.UINT32, shape(), 300);
        assertExact(Mx.sum(Mx.array(new double[] {60000, 60000}, DType.UINT16, 2)), DType.UINT32, shape(), 120000);
    }

    @Test
    void meanVarStdLogsumexpOfIntegersGiveFloat32() {
        Array i = Mx.array(new int[] {1, 2, 3, 6}, 4);
        assertClose(Mx.mean(i), DType.FLOAT32, shape(), new double[] {3});
        assertClose(Mx.var(i), DType.FLOAT32, shape(), new double[] {3.5});
        assertClose(Mx.std(i), DType.FLOAT32, shape(), new double[] {Math.sqrt(3.5)});
        assertClose(Mx.logsumexp(i), DType.FLOAT32, shape(), logsumexpRef(new double[] {1, 2, 3, 6}, shape(4)));
        assertBools(Mx.all(i), shape(), true);
        assertBools(Mx.any(Mx.array(new int[] {0, 0}, 2)), shape(), false);
    }

    @Test
    void meanOfHalfKeepsHalf() {
        Array h = Mx.array(new double[] {1, 2, 3, 4}, DType.FLOAT16, 2, 2);
        assertClose(Mx.mean(h, 0), DType.FLOAT16, shape(2), new double[] {2, 3});
    }

    // ================================================================ special inputs

    @Test
    void reductionsOfZeroDimArrays() {
        Array s = Mx.array(2.5f);
        assertExact(Mx.sum(s), DType.FLOAT32, shape(), 2.5);
        assertExact(Mx.max(s), DType.FLOAT32, shape(), 2.5);
        assertExact(Mx.mean(s), DType.FLOAT32, shape(), 2.5);
        assertClose(Mx.logsumexp(s), DType.FLOAT32, shape(), new double[] {2.5});
    }

    @Test
    void reductionsOverAnEmptyAxis() {
        Array e = Mx.zeros(new int[] {2, 0}, DType.FLOAT32);
        assertExact(Mx.sum(e, 1), DType.FLOAT32, shape(2), 0, 0);
        assertExact(Mx.prod(e, 1), DType.FLOAT32, shape(2), 1, 1);
        assertBools(Mx.any(e, 1), shape(2), false, false);
        assertBools(Mx.all(e, 1), shape(2), true, true);
        assertExact(Mx.sum(e, 0), DType.FLOAT32, shape(0));
        assertExact(Mx.mean(e, 1), DType.FLOAT32, shape(2), Double.NaN, Double.NaN);
    }

    @Test
    void logsumexpWithInfinities() {
        double inf = Double.POSITIVE_INFINITY;
        Array x = Mx.array(new float[] {(float) -inf, (float) -inf, 1000, 1000, (float) inf, 0}, 3, 2);
        assertClose(Mx.logsumexp(x, 1), DType.FLOAT32, shape(3), new double[] {-inf, 1000 + Math.log(2), inf});
    }

    @Test
    void longSumsStayAccurate() {
        Random rng = new Random(77);
        Sample s = sample(rng, DType.FLOAT32, 0, 1, 1000);
        assertClose(Mx.sum(s.array()), DType.FLOAT32, shape(), sumRef(s.values(), s.shape()), 1e-5, 0);
        Sample m = sample(rng, DType.FLOAT32, -1, 1, 37, 41);
        assertClose(Mx.sum(m.array(), 0), DType.FLOAT32, shape(41), sumRef(m.values(), m.shape(), 0), 1e-5, 1e-5);
        assertClose(Mx.sum(m.array(), 1), DType.FLOAT32, shape(37), sumRef(m.values(), m.shape(), 1), 1e-5, 1e-5);
        assertClose(Mx.max(m.array(), 1), DType.FLOAT32, shape(37), reduceRef(m.values(), m.shape(), new int[] {1}, Double.NEGATIVE_INFINITY, Math::max));
    }

    @Test
    void maxAndMinPropagateNan() {
        Array x = Mx.array(new float[] {1, Float.NaN, 3, 4, 5, 6}, 2, 3);
        assertExact(Mx.max(x, 1), DType.FLOAT32, shape(2), Double.NaN, 6);
        assertExact(Mx.min(x, 1), DType.FLOAT32, shape(2), Double.NaN, 4);
    }

    // ================================================================ errors

    @Test
    void axisOutOfRangeNamesTheOpAndAxis() {
        Array a = Mx.zeros(SHAPE);
        assertFailsWith(() -> Mx.sum(a, 3), "sum", "3");
        assertFailsWith(() -> Mx.max(a, -4), "max", "-4");
        assertFailsWith(() -> Mx.mean(a, 5), "mean", "5");
        assertFailsWith(() -> Mx.var(a, 3), "var", "3");
        assertFailsWith(() -> Mx.logsumexp(a, 3), "logsumexp", "3");
        assertFailsWith(() -> Mx.softmax(a, 3), "softmax", "3");
        assertFailsWith(() -> Mx.argmax(a, 3), "argmax", "3");
        assertFailsWith(() -> Mx.all(a, -5), "all", "-5");
    }

    @Test
    void duplicateAxesAreAnError() {
        Array a = Mx.zeros(SHAPE);
        assertFailsWith(() -> Mx.sum(a, 0, 0), "sum", "duplicate");
        assertFailsWith(() -> Mx.prod(a, 1, -2), "prod", "duplicate");
    }

    /** MLX: "[max] Cannot max reduce zero size array." (and likewise min, argmax, argmin). */
    @Test
    void maxMinArgmaxOfEmptyArraysAreErrors() {
        Array e = Mx.zeros(new int[] {0, 3}, DType.FLOAT32);
        assertFailsWith(() -> Mx.max(e).eval(), "max");
        assertFailsWith(() -> Mx.min(e, 0).eval(), "min");
        assertFailsWith(() -> Mx.argmax(e, 0), "argmax");
        assertFailsWith(() -> Mx.argmin(e, 0), "argmin");
    }
}
