package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.TestArrays.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Mx#topk}: the k largest elements along an axis, in no particular order (as MLX), so each
 * lane is compared as a sorted multiset with the k largest of a plain float64 sort.
 */
class TopkTest {

    record Case(DType dtype, int[] shape, int axis, int k) {
        @Override
        public String toString() { return dtype.mlxName() + " " + Arrays.toString(shape) + " axis " + axis + " k " + k; }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (DType t : List.of(DType.FLOAT32, DType.INT32, DType.FLOAT16, DType.UINT8, DType.FLOAT64)) {
            cases.add(new Case(t, shape(9), 0, 1));
            cases.add(new Case(t, shape(9), 0, 4));
            cases.add(new Case(t, shape(9), -1, 9));
            cases.add(new Case(t, shape(4, 6), 1, 2));
            cases.add(new Case(t, shape(4, 6), 0, 3));
            cases.add(new Case(t, shape(4, 6), -1, 5));
            cases.add(new Case(t, shape(2, 5, 3), 1, 2));
            cases.add(new Case(t, shape(2, 5, 3), 0, 1));
        }
        return cases.stream();
    }

    /** Each lane along {@code axis} sorted ascending (row-major over the other axes). */
    private static double[][] lanes(double[] x, int[] shape, int axis) {
        int n = shape[axis], inner = 1;
        for (int d = axis + 1; d < shape.length; d++) inner *= shape[d];
        int outer = x.length / (n * inner);
        double[][] lanes = new double[outer * inner][n];
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
                for (int k = 0; k < n; k++) lanes[o * inner + i][k] = x[(o * n + k) * inner + i];
        for (double[] l : lanes) Arrays.sort(l);
        return lanes;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void holdsTheKLargestOfEachLane(Case c) {
        Random rng = new Random(c.toString().hashCode());
        // integers from a small range, so that lanes have ties
        Sample x = c.dtype.isInteger() ? sample(rng, c.dtype, 0, 6, c.shape) : sample(rng, c.dtype, -3, 3, c.shape);
        int ax = c.axis < 0 ? c.axis + c.shape.length : c.axis;
        Array r = Mx.topk(x.array(), c.k, c.axis);
        int[] outShape = c.shape.clone();
        outShape[ax] = c.k;
        assertShape(r, c.dtype, outShape);
        double[][] got = lanes(r.toDoubleArray(), outShape, ax);
        double[][] all = lanes(x.values(), c.shape, ax);
        for (int l = 0; l < all.length; l++) {
            double[] expected = Arrays.copyOfRange(all[l], all[l].length - c.k, all[l].length);
            assertThat(got[l]).as("lane %d", l).containsExactly(expected);
        }
    }

    @Test
    void theDefaultAxisIsTheLast() {
        Array x = Mx.array(new float[] {5, 1, 4, 2, 8, 0}, 2, 3);
        Array r = Mx.topk(x, 1);
        assertExact(r, DType.FLOAT32, shape(2, 1), 5, 8);
    }

    @Test
    void badInputsNameTheOp() {
        Array x = Mx.zeros(2, 5);
        assertFailsWith(() -> Mx.topk(x, 0, 1), "topk", "k must be in [1, 5]", "got 0");
        assertFailsWith(() -> Mx.topk(x, 6, 1), "topk", "k must be in [1, 5]", "got 6");
        assertFailsWith(() -> Mx.topk(x, 1, 2), "topk", "axis 2");
        assertFailsWith(() -> Mx.topk(Mx.array(3f), 1, 0), "topk", "at least one dimension");
        assertFailsWith(() -> Mx.topk(Mx.complex(x, x), 1, 0), "topk", "complex64");
    }
}
