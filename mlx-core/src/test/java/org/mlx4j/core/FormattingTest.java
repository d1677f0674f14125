package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.TestArrays.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Printing like MLX, nested lists with boxed elements, and the value getters. */
class FormattingTest {

    // ================================================================ toString

    @Test
    void oneDimensionalIntegers() {
        assertThat(Mx.array(new int[] {1, 2, 3}).toString()).isEqualTo("array([1, 2, 3], dtype=int32)");
        assertThat(Mx.array(new long[] {-5, 70000000000L}).toString()).isEqualTo("array([-5, 70000000000], dtype=int64)");
        assertThat(Mx.array(new double[] {200, 7}, DType.UINT8, 2).toString()).isEqualTo("array([200, 7], dtype=uint8)");
    }

    @Test
    void twoAndThreeDimensionalLayout() {
        assertThat(Mx.array(new int[] {1, 2, 3, 4}, 2, 2).toString()).isEqualTo("array([[1, 2],\n       [3, 4]], dtype=int32)");
        assertThat(Mx.arange(8).reshape(2, 2, 2).toString())
                .isEqualTo("array([[[0, 1],\n        [2, 3]],\n\n       [[4, 5],\n        [6, 7]]], dtype=int32)");
        // a transposed view prints in its logical order
        assertThat(Mx.array(new int[] {1, 2, 3, 4, 5, 6}, 2, 3).T().toString())
                .isEqualTo("array([[1, 4],\n       [2, 5],\n       [3, 6]], dtype=int32)");
    }

    @Test
    void booleans() {
        assertThat(Mx.array(new boolean[] {true, false}).toString()).isEqualTo("array([True, False], dtype=bool)");
        assertThat(Mx.array(true).toString()).isEqualTo("array(True, dtype=bool)");
        assertThat(Mx.greater(Mx.array(new int[] {1, 5}), Mx.array(new int[] {3, 3})).toString()).isEqualTo("array([False, True], dtype=bool)");
    }

    @Test
    void floatsPrintLikeMlx() {
        assertThat(Mx.array(new float[] {1, 2.5f, -0.125f}).toString()).isEqualTo("array([1, 2.5, -0.125], dtype=float32)");
        assertThat(Mx.array(new float[] {1f / 3}).toString()).isEqualTo("array([0.333333], dtype=float32)");
        assertThat(Mx.array(new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}).toString())
                .isEqualTo("array([nan, inf, -inf], dtype=float32)");
        assertThat(Mx.array(new double[] {1e10, 1e-5}, DType.FLOAT64, 2).toString()).isEqualTo("array([1e+10, 1e-05], dtype=float64)");
        assertThat(Mx.array(new double[] {0.5, 2}, DType.FLOAT16, 2).toString()).isEqualTo("array([0.5, 2], dtype=float16)");
        assertThat(Mx.array(new double[] {-3}, DType.BFLOAT16, 1).toString()).isEqualTo("array([-3], dtype=bfloat16)");
    }

    @Test
    void scalarsAndEmptyArrays() {
        assertThat(Mx.array(3).toString()).isEqualTo("array(3, dtype=int32)");
        assertThat(Mx.array(1.5f).toString()).isEqualTo("array(1.5, dtype=float32)");
        assertThat(Mx.array(new float[0]).toString()).isEqualTo("array([], dtype=float32)");
    }

    @Test
    void printingEvaluatesALazyResult() {
        Array r = Mx.add(Mx.array(new int[] {1, 2}), 10);
        assertThat(r.toString()).isEqualTo("array([11, 12], dtype=int32)");
    }

    // ================================================================ toList

    @Test
    void toListNestsByDimension() {
        Object l = Mx.array(new int[] {1, 2, 3, 4, 5, 6}, 2, 3).toList();
        assertThat(l).isEqualTo(List.of(List.of(1, 2, 3), List.of(4, 5, 6)));
        Object t = Mx.array(new int[] {1, 2, 3, 4, 5, 6}, 2, 3).T().toList();
        assertThat(t).isEqualTo(List.of(List.of(1, 4), List.of(2, 5), List.of(3, 6)));
        assertThat(Mx.arange(4).reshape(2, 1, 2).toList()).isEqualTo(List.of(List.of(List.of(0, 1)), List.of(List.of(2, 3))));
        assertThat(Mx.zeros(new int[] {2, 0}, DType.INT32).toList()).isEqualTo(List.of(List.of(), List.of()));
        assertThat(Mx.zeros(new int[] {0}, DType.INT32).toList()).isEqualTo(List.of());
    }

    @Test
    void toListBoxesElementsByDtype() {
        assertThat(Mx.array(new float[] {1.5f}).toList()).isEqualTo(List.of(1.5f));
        assertThat(Mx.array(new double[] {0.1}, DType.FLOAT64, 1).toList()).isEqualTo(List.of(0.1));
        assertThat(Mx.array(new boolean[] {true, false}).toList()).isEqualTo(List.of(true, false));
        assertThat(Mx.array(new long[] {1L << 40}).toList()).isEqualTo(List.of(1L << 40));
        assertThat(Mx.array(new int[] {-7}).toList()).isEqualTo(List.of(-7));
        assertThat(Mx.array(new double[] {-7}, DType.INT8, 1).toList()).isEqualTo(List.of(-7));
        assertThat(Mx.array(new double[] {250}, DType.UINT8, 1).toList()).isEqualTo(List.of(250));
        assertThat(Mx.array(new double[] {4_000_000_000.0}, DType.UINT32, 1).toList()).isEqualTo(List.of(4_000_000_000L));
        assertThat(Mx.array(new double[] {0.5}, DType.FLOAT16, 1).toList()).isEqualTo(List.of(0.5f));
        long big = (1L << 62) + 1;
        assertThat(Mx.array(new long[] {big}).toList()).isEqualTo(List.of(big));
    }

    @Test
    void toListOfAZeroDimArrayIsTheElement() {
        assertThat(Mx.array(3).toList()).isEqualTo(3);
        assertThat(Mx.array(2.5f).toList()).isEqualTo(2.5f);
        assertThat(Mx.array(false).toList()).isEqualTo(false);
    }

    // ================================================================ getters

    @Test
    void scalarGettersOnSizeOneArrays() {
        Array a = Mx.array(new float[] {2.75f}, 1, 1);
        assertThat(a.floatValue()).isEqualTo(2.75f);
        assertThat(a.doubleValue()).isEqualTo(2.75);
        assertThat(a.item()).isEqualTo(2.75);
        assertThat(a.intValue()).isEqualTo(2);
        assertThat(a.longValue()).isEqualTo(2L);
        assertThat(a.booleanValue()).isTrue();
        assertThat(Mx.array(-2.75f).intValue()).isEqualTo(-2);
        assertThat(Mx.array(0f).booleanValue()).isFalse();
        assertThat(Mx.array(true).intValue()).isEqualTo(1);
        assertThat(Mx.array(new double[] {200}, DType.UINT8, 1).intValue()).isEqualTo(200);
        assertThat(Mx.array(-1.5, DType.FLOAT16).floatValue()).isEqualTo(-1.5f);
    }

    @Test
    void scalarGettersOnLargerArraysThrow() {
        Array a = Mx.array(new float[] {1, 2});
        List<Function<Array, Object>> getters = List.of(Array::floatValue, Array::doubleValue, Array::intValue,
                Array::longValue, Array::booleanValue, Array::item);
        List<String> names = List.of("floatValue", "doubleValue", "intValue", "longValue", "booleanValue", "");
        for (int i = 0; i < getters.size(); i++) {
            Function<Array, Object> g = getters.get(i);
            assertFailsWith(() -> g.apply(a), names.get(i), "(2,)");
        }
        assertFailsWith(() -> Mx.zeros(2, 3).floatValue(), "floatValue", "(2, 3)");
        assertFailsWith(() -> Mx.zeros(0).intValue(), "intValue", "(0,)");
    }

    @Test
    void arrayGettersConvert() {
        Array f = Mx.array(new float[] {-1.5f, 0f, 2.7f, 3f}, 2, 2);
        assertThat(f.toIntArray()).containsExactly(-1, 0, 2, 3);
        assertThat(f.toLongArray()).containsExactly(-1L, 0L, 2L, 3L);
        assertThat(f.toBooleanArray()).containsExactly(true, false, true, true);
        assertThat(f.toDoubleArray()).containsExactly(-1.5, 0, (double) 2.7f, 3);
        assertThat(f.T().toFloatArray()).containsExactly(-1.5f, 2.7f, 0f, 3f);
        assertThat(Mx.array(new boolean[] {true, false}).toDoubleArray()).containsExactly(1, 0);
        assertThat(Mx.array(new double[] {4_000_000_000.0}, DType.UINT32, 1).toLongArray()).containsExactly(4_000_000_000L);
        assertThat(Mx.array(new double[] {0.1}, DType.FLOAT16, 1).toFloatArray()).containsExactly((float) storedAs(DType.FLOAT16, 0.1));
    }

    @Test
    void metadataGetters() {
        Array a = Mx.zeros(new int[] {2, 3, 4}, DType.INT16);
        assertThat(a.shape()).containsExactly(2, 3, 4);
        assertThat(a.shape(-1)).isEqualTo(4);
        assertThat(a.shape(0)).isEqualTo(2);
        assertThat(a.ndim()).isEqualTo(3);
        assertThat(a.size()).isEqualTo(24);
        assertThat(a.nbytes()).isEqualTo(48);
        assertThat(a.length()).isEqualTo(2);
        assertThat(a.dtype()).isEqualTo(DType.INT16);
        // shape() returns a copy
        a.shape()[0] = 99;
        assertThat(a.shape()).containsExactly(2, 3, 4);
        assertFailsWith(() -> a.shape(3), "shape", "3");
        assertFailsWith(() -> Mx.array(1.0f).length(), "length");
    }

    @Test
    void toBytesIsNativeOrderRowMajor() {
        byte[] b = Mx.array(new int[] {1, 2, 3, 4}, 2, 2).T().toBytes();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        assertThat(new int[] {bb.getInt(), bb.getInt(), bb.getInt(), bb.getInt()}).containsExactly(1, 3, 2, 4);
    }
}
