package org.mlx4j.core;

import static org.mlx4j.core.TestArrays.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Mx#cumprod}, {@link Mx#cummax}, {@link Mx#cummin} and {@link Mx#logcumsumexp} against plain
 * float64 scans: every axis position, forward and reverse, inclusive and exclusive, several dtypes.
 */
class ScanOpsTest {

    record Case(String op, DType dtype, int[] shape, int axis, boolean reverse, boolean inclusive) {
        @Override
        public String toString() {
            return op + " " + dtype.mlxName() + " " + java.util.Arrays.toString(shape) + " axis " + axis
                    + (reverse ? " reverse" : "") + (inclusive ? " inclusive" : " exclusive");
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        int[][] shapes = {{7}, {3, 5}, {3, 5}, {2, 3, 4}};
        int[] axes = {0, 0, -1, 1};
        for (String op : List.of("cumprod", "cummax", "cummin", "logcumsumexp")) {
            List<DType> dtypes = op.equals("logcumsumexp") ? List.of(DType.FLOAT32, DType.FLOAT64, DType.FLOAT16)
                    : List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32);
            for (DType t : dtypes) {
                for (int s = 0; s < shapes.length; s++) {
                    for (boolean rev : new boolean[] {false, true}) {
                        for (boolean inc : new boolean[] {true, false}) cases.add(new Case(op, t, shapes[s], axes[s], rev, inc));
                    }
                }
            }
        }
        return cases.stream();
    }

    private static Array apply(String op, Array a, int axis, boolean reverse, boolean inclusive) {
        return switch (op) {
            case "cumprod" -> Mx.cumprod(a, axis, reverse, inclusive);
            case "cummax" -> Mx.cummax(a, axis, reverse, inclusive);
            case "cummin" -> Mx.cummin(a, axis, reverse, inclusive);
            case "logcumsumexp" -> Mx.logcumsumexp(a, axis, reverse, inclusive);
            default -> throw new IllegalArgumentException(op);
        };
    }

    private static double logaddexp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) return b;
        if (b == Double.NEGATIVE_INFINITY) return a;
        double m = Math.max(a, b);
        return m + Math.log1p(Math.exp(-Math.abs(a - b)));
    }

    /** The scan of {@code x} along {@code axis} in plain float64, starting each lane from {@code identity}. */
    static double[] scanRef(double[] x, int[] shape, int axis, boolean reverse, boolean inclusive, double identity,
                            DoubleBinaryOperator op) {
        int ax = axis < 0 ? axis + shape.length : axis;
        int n = shape[ax];
        int inner = 1;
        for (int d = ax + 1; d < shape.length; d++) inner *= shape[d];
        int outer = x.length / (n * inner);
        double[] out = new double[x.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double acc = identity;
                for (int k = 0; k < n; k++) {
                    int pos = reverse ? n - 1 - k : k;
                    int flat = (o * n + pos) * inner + i;
                    if (inclusive) {
                        acc = op.applyAsDouble(acc, x[flat]);
                        out[flat] = acc;
                    } else {
                        out[flat] = acc;
                        acc = op.applyAsDouble(acc, x[flat]);
                    }
                }
            }
        }
        return out;
    }

    static double[] reference(String op, DType t, double[] x, int[] shape, int axis, boolean reverse, boolean inclusive) {
        boolean integer = t.isInteger();
        return switch (op) {
            case "cumprod" -> scanRef(x, shape, axis, reverse, inclusive, 1, (a, b) -> a * b);
            case "cummax" -> scanRef(x, shape, axis, reverse, inclusive,
                    integer ? Integer.MIN_VALUE : Double.NEGATIVE_INFINITY, Math::max);
            case "cummin" -> scanRef(x, shape, axis, reverse, inclusive,
                    integer ? Integer.MAX_VALUE : Double.POSITIVE_INFINITY, Math::min);
            case "logcumsumexp" -> scanRef(x, shape, axis, reverse, inclusive, Double.NEGATIVE_INFINITY, ScanOpsTest::logaddexp);
            default -> throw new IllegalArgumentException(op);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesAFloat64Scan(Case c) {
        Random rng = new Random(c.toString().hashCode());
        Sample x = c.op.equals("cumprod") ? sample(rng, c.dtype, -3, 3, c.shape) : sample(rng, c.dtype, -4, 4, c.shape);
        Array r = apply(c.op, x.array(), c.axis, c.reverse, c.inclusive);
        double[] expected = reference(c.op, c.dtype, x.values(), c.shape, c.axis, c.reverse, c.inclusive);
        // cumprod and logcumsumexp round at every step of the lane: a few ulps per element
        double rtol = c.op.startsWith("cumm") ? 0 : 8 * rtol(c.dtype), atol = c.op.startsWith("cumm") ? 0 : 8 * atol(c.dtype);
        assertClose(r, c.dtype, c.shape, expected, rtol, atol);
    }

    @Test
    void booleanAndIntegerInputsGetMlxsResultDtypes() {
        Array b = Mx.array(new boolean[] {true, true, false, true});
        assertExact(Mx.cumprod(b, 0), DType.INT32, shape(4), 1, 1, 0, 0);
        assertExact(Mx.cummax(b, 0, false, true), DType.BOOL, shape(4), 1, 1, 1, 1);
        assertExact(Mx.cummin(b, 0, false, true), DType.BOOL, shape(4), 1, 1, 0, 0);
        Array i = Mx.array(new int[] {0, 1, 2});
        double l1 = Math.log(1 + Math.E), l2 = Math.log(1 + Math.E + Math.E * Math.E);
        assertClose(Mx.logcumsumexp(i, 0, false, true), DType.FLOAT32, shape(3), new double[] {0, l1, l2});
        Array u = Mx.array(new double[] {3, 7, 1}, DType.UINT8, 3);
        assertExact(Mx.cummin(u, 0, true, true), DType.UINT8, shape(3), 1, 1, 1);
        assertExact(Mx.cumprod(u, 0), DType.UINT8, shape(3), 3, 21, 21);
    }

    @Test
    void defaultFlagsAreForwardAndInclusive() {
        Array x = Mx.array(new float[] {2, -1, 3, 0.5f});
        assertExact(Mx.cumprod(x, 0), DType.FLOAT32, shape(4), 2, -2, -6, -3);
        assertExact(Mx.cumprod(x, -1), DType.FLOAT32, shape(4), 2, -2, -6, -3);
    }

    @Test
    void badInputsNameTheOp() {
        Array x = Mx.zeros(2, 3);
        assertFailsWith(() -> Mx.cumprod(Mx.array(2f), 0), "cumprod", "at least one dimension");
        assertFailsWith(() -> Mx.cummax(x, 2, false, true), "cummax", "axis 2");
        assertFailsWith(() -> Mx.cummin(x, -3, false, true), "cummin", "axis -3");
        assertFailsWith(() -> Mx.logcumsumexp(x, 5, false, true), "logcumsumexp", "axis 5");
        Array z = Mx.complex(x, x);
        assertFailsWith(() -> Mx.cummax(z, 0, false, true), "cummax", "complex64");
        assertFailsWith(() -> Mx.logcumsumexp(z, 0, false, true), "logcumsumexp", "complex64");
    }
}
