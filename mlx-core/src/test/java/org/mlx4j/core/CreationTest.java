package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.TestArrays.*;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Array creation: constants from Java arrays and scalars, fills, ranges, linspace and eye. */
class CreationTest {

    // ================================================================ from Java values

    @Test
    void javaArraysGiveTheirNaturalDtypes() {
        assertExact(Mx.array(new float[] {1.5f, -2f}), DType.FLOAT32, shape(2), 1.5, -2);
        assertExact(Mx.array(new double[] {0.1, 2}), DType.FLOAT32, shape(2), 0.1f, 2);
        assertExact(Mx.array(new int[] {1, -2, 3}), DType.INT32, shape(3), 1, -2, 3);
        assertExact(Mx.array(new long[] {5, -6}), DType.INT64, shape(2), 5, -6);
        assertBools(Mx.array(new boolean[] {true, false, true}), shape(3), true, false, true);
        assertExact(Mx.array(new double[] {0.1, 2}, DType.FLOAT64, 2), DType.FLOAT64, shape(2), 0.1, 2);
        assertExact(Mx.array(new double[] {2.75, -1}, DType.INT16, 2), DType.INT16, shape(2), 2, -1);
    }

    @Test
    void shapesAreHonoured() {
        Random rng = new Random(1);
        double[] v = uniform(rng, 24, -1, 1);
        assertExact(Mx.array(v, DType.FLOAT64, 2, 3, 4), DType.FLOAT64, shape(2, 3, 4), v);
        float[] f = new float[6];
        for (int i = 0; i < 6; i++) f[i] = i + 0.5f;
        assertExact(Mx.array(f, 3, 2), DType.FLOAT32, shape(3, 2), 0.5, 1.5, 2.5, 3.5, 4.5, 5.5);
        assertExact(Mx.array(new int[0]), DType.INT32, shape(0));
        assertExact(Mx.array(new float[0], 0, 4), DType.FLOAT32, shape(0, 4));
    }

    @Test
    void dataThatDoesNotFillTheShapeIsAnError() {
        assertFailsWith(() -> Mx.array(new float[] {1, 2, 3, 4, 5}, 2, 3), "array", "5", "(2, 3)");
        assertFailsWith(() -> Mx.array(new int[] {1, 2}, 3), "array", "2", "(3,)");
        assertFailsWith(() -> Mx.array(new double[] {1, 2, 3, 4}, DType.FLOAT64, 2, -2), "array", "(2, -2)");
    }

    @Test
    void scalarsHaveZeroDimensionsAndTheirDtypes() {
        assertExact(Mx.array(1.5f), DType.FLOAT32, shape(), 1.5);
        assertExact(Mx.array(3), DType.INT32, shape(), 3);
        assertExact(Mx.array(true), DType.BOOL, shape(), 1);
        assertExact(Mx.array(2.5, DType.FLOAT16), DType.FLOAT16, shape(), 2.5);
        assertExact(Mx.array(2.5, DType.FLOAT64), DType.FLOAT64, shape(), 2.5);
        assertExact(Mx.array(2.9, DType.INT32), DType.INT32, shape(), 2);
        assertExact(Mx.array(7L, DType.INT64), DType.INT64, shape(), 7);
        assertExact(Mx.array(255L, DType.UINT8), DType.UINT8, shape(), 255);
        assertExact(Mx.array(1L, DType.FLOAT32), DType.FLOAT32, shape(), 1);
    }

    @Test
    void int64AndUint64ValuesAreExact() {
        long big = (1L << 62) + 1;
        Array a = Mx.array(big, DType.INT64);
        assertThat(a.longValue()).isEqualTo(big);
        Array b = Mx.array(new long[] {big, -big, Long.MIN_VALUE}, 3);
        assertThat(b.toLongArray()).containsExactly(big, -big, Long.MIN_VALUE);
        Array u = Mx.array(-1L, DType.UINT64);
        assertThat(u.longValue()).as("bits of uint64 max").isEqualTo(-1L);
        assertThat(u.toString()).isEqualTo("array(18446744073709551615, dtype=uint64)");
    }

    // ================================================================ fills

    @ParameterizedTest(name = "zeros/ones/full of {0}")
    @EnumSource(DType.class)
    void fillsOfEveryDtype(DType t) {
        assertExact(Mx.zeros(new int[] {2, 3}, t), t, shape(2, 3), new double[6]);
        assertExact(Mx.ones(new int[] {3}, t), t, shape(3), 1, 1, 1);
        double v = t == DType.BOOL ? 1 : 3;
        assertExact(Mx.full(new int[] {2, 2}, 3, t), t, shape(2, 2), v, v, v, v);
        assertExact(Mx.zeros(new int[0], t), t, shape(), 0);
        assertExact(Mx.ones(new int[] {0, 5}, t), t, shape(0, 5));
    }

    @Test
    void fullConvertsTheValueToTheDtype() {
        assertExact(Mx.full(new int[] {2}, 2.7, DType.INT32), DType.INT32, shape(2), 2, 2);
        assertExact(Mx.full(new int[] {2}, -2.7, DType.INT8), DType.INT8, shape(2), -2, -2);
        assertExact(Mx.full(new int[] {1}, 0.1, DType.FLOAT16), DType.FLOAT16, shape(1), storedAs(DType.FLOAT16, 0.1));
        assertExact(Mx.full(new int[] {1}, 0.1, DType.FLOAT64), DType.FLOAT64, shape(1), 0.1);
        assertBools(Mx.full(new int[] {2}, 0.5, DType.BOOL), shape(2), true, true);
        assertExact(Mx.full(new int[] {1}, Double.NEGATIVE_INFINITY, DType.FLOAT32), DType.FLOAT32, shape(1), Double.NEGATIVE_INFINITY);
    }

    @Test
    void defaultFillsAreFloat32() {
        assertExact(Mx.zeros(2, 2), DType.FLOAT32, shape(2, 2), 0, 0, 0, 0);
        assertExact(Mx.ones(3), DType.FLOAT32, shape(3), 1, 1, 1);
    }

    @Test
    void likeFillsKeepShapeAndDtype() {
        Array a = Mx.array(new double[] {1, 2, 3, 4, 5, 6}, DType.INT16, 3, 2);
        assertExact(Mx.zerosLike(a), DType.INT16, shape(3, 2), new double[6]);
        assertExact(Mx.onesLike(a.T()), DType.INT16, shape(2, 3), 1, 1, 1, 1, 1, 1);
        assertExact(Mx.fullLike(a, -4), DType.INT16, shape(3, 2), -4, -4, -4, -4, -4, -4);
    }

    @Test
    void negativeDimensionsAreAnError() {
        assertFailsWith(() -> Mx.full(new int[] {2, -1}, 1, DType.FLOAT32), "full", "(2, -1)");
        assertFailsWith(() -> Mx.zeros(new int[] {-3}, DType.INT32), "(-3,)");
    }

    // ================================================================ ranges

    @Test
    void arangeWithAStop() {
        assertExact(Mx.arange(5), DType.INT32, shape(5), 0, 1, 2, 3, 4);
        assertExact(Mx.arange(0), DType.INT32, shape(0));
        assertExact(Mx.arange(-3), DType.INT32, shape(0));
        assertExact(Mx.arange(1), DType.INT32, shape(1), 0);
    }

    @Test
    void arangeWithStartStopStep() {
        assertExact(Mx.arange(1.0, 2.0, 0.25), DType.FLOAT32, shape(4), 1, 1.25, 1.5, 1.75);
        assertExact(Mx.arange(5, 1, -1.5), DType.FLOAT32, shape(3), 5, 3.5, 2);
        assertExact(Mx.arange(0, 10, 3), DType.FLOAT32, shape(4), 0, 3, 6, 9);
        assertExact(Mx.arange(2, 2, 1), DType.FLOAT32, shape(0));
        assertExact(Mx.arange(3, 1, 1), DType.FLOAT32, shape(0));
        Array tenths = Mx.arange(0, 1, 0.1);
        double[] want = new double[10];
        for (int i = 0; i < 10; i++) want[i] = storedAs(DType.FLOAT32, i * 0.1);
        assertClose(tenths, DType.FLOAT32, shape(10), want);
        assertExact(Mx.arange(-2, 3, 2, DType.INT32), DType.INT32, shape(3), -2, 0, 2);
        assertExact(Mx.arange(0, 0.5, 0.125, DType.FLOAT64), DType.FLOAT64, shape(4), 0, 0.125, 0.25, 0.375);
    }

    @Test
    void arangeErrors() {
        assertFailsWith(() -> Mx.arange(0, 5, 0), "arange");
        assertFailsWith(() -> Mx.arange(0, Double.POSITIVE_INFINITY, 1), "arange");
        assertFailsWith(() -> Mx.arange(Double.NaN, 1, 1), "arange");
    }

    @Test
    void linspaceIncludesBothEnds() {
        assertClose(Mx.linspace(0, 1, 5), DType.FLOAT32, shape(5), new double[] {0, 0.25, 0.5, 0.75, 1});
        assertClose(Mx.linspace(2, -2, 3), DType.FLOAT32, shape(3), new double[] {2, 0, -2});
        assertExact(Mx.linspace(3, 7, 1), DType.FLOAT32, shape(1), 3);
        assertExact(Mx.linspace(0, 1, 0), DType.FLOAT32, shape(0));
        double[] want = new double[7];
        for (int i = 0; i < 7; i++) want[i] = -1 + i * (3.0 / 6);
        assertClose(Mx.linspace(-1, 2, 7, DType.FLOAT64), DType.FLOAT64, shape(7), want);
        assertFailsWith(() -> Mx.linspace(0, 1, -1), "linspace", "-1");
    }

    /** MLX computes linspace in float32 and then casts: integer dtypes truncate. */
    @Test
    void linspaceWithAnIntegerDtype() {
        assertExact(Mx.linspace(0, 10, 5, DType.INT32), DType.INT32, shape(5), 0, 2, 5, 7, 10);
    }

    @Test
    void eye() {
        assertExact(Mx.eye(3), DType.FLOAT32, shape(3, 3), 1, 0, 0, 0, 1, 0, 0, 0, 1);
        assertExact(Mx.identity(2), DType.FLOAT32, shape(2, 2), 1, 0, 0, 1);
        assertExact(Mx.eye(3, 4, 1, DType.INT32), DType.INT32, shape(3, 4), 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1);
        assertBools(Mx.eye(3, 2, -1, DType.BOOL), shape(3, 2), false, false, true, false, false, true);
        assertExact(Mx.eye(2, 2, 5, DType.FLOAT64), DType.FLOAT64, shape(2, 2), 0, 0, 0, 0);
    }
}
