package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.TestArrays.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Mx#concatenate} against plain index arithmetic: axes, shapes, dtype promotion and errors. */
class ConcatenateTest {

    /** Row-major values of the parts joined along {@code axis}. */
    private static double[] concatRef(List<Sample> parts, int axis) {
        int[] first = parts.get(0).shape();
        int total = 0;
        for (Sample p : parts) total += p.shape()[axis];
        int inner = 1;
        for (int d = axis + 1; d < first.length; d++) inner *= first[d];
        int outer = 1;
        for (int d = 0; d < axis; d++) outer *= first[d];
        double[] out = new double[outer * total * inner];
        int k = 0;
        for (int o = 0; o < outer; o++) {
            for (Sample p : parts) {
                int block = p.shape()[axis] * inner;
                System.arraycopy(p.values(), o * block, out, k, block);
                k += block;
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} along axis {1}")
    @CsvSource({"'4', 0", "'3,5', 0", "'3,5', 1", "'3,5', -1", "'2,3,4', 0", "'2,3,4', 1", "'2,3,4', 2", "'2,3,4', -2"})
    void joinsRandomArraysOfDifferentExtents(String shapeText, int axis) {
        int[] base = java.util.Arrays.stream(shapeText.split(",")).mapToInt(Integer::parseInt).toArray();
        int ax = axis < 0 ? axis + base.length : axis;
        Random rng = new Random(shapeText.hashCode() * 31 + axis);
        List<Sample> parts = new ArrayList<>();
        List<Array> arrays = new ArrayList<>();
        for (int extent : new int[] {base[ax], 1, 0, 3}) {
            int[] s = base.clone();
            s[ax] = extent;
            Sample p = sample(rng, DType.FLOAT32, -5, 5, s);
            parts.add(p);
            arrays.add(p.array());
        }
        int[] out = base.clone();
        out[ax] = base[ax] + 4;
        assertClose(Mx.concatenate(arrays, axis), DType.FLOAT32, out, concatRef(parts, ax), 0, 0);
        if (ax == 0) assertClose(Mx.concatenate(arrays), DType.FLOAT32, out, concatRef(parts, 0), 0, 0);
    }

    @ParameterizedTest(name = "{0} with {1} gives {2}")
    @CsvSource({"INT32, FLOAT32, FLOAT32", "INT8, UINT8, INT16", "FLOAT16, BFLOAT16, FLOAT32", "BOOL, INT32, INT32",
            "UINT32, INT64, INT64", "FLOAT64, FLOAT32, FLOAT64"})
    void promotesDtypesLikeMlx(DType a, DType b, DType expected) {
        Random rng = new Random(a.ordinal() * 17 + b.ordinal());
        Sample x = sample(rng, a, 0, 9, 2, 2), y = sample(rng, b, 0, 9, 1, 2);
        Array r = Mx.concatenate(List.of(x.array(), y.array()), 0);
        assertClose(r, expected, shape(3, 2), concatRef(List.of(x, y), 0), 0, 0);
    }

    @Test
    void oneArrayIsReturnedUnchanged() {
        Array x = Mx.array(new int[] {1, 2, 3});
        assertExact(Mx.concatenate(List.of(x), 0), DType.INT32, shape(3), 1, 2, 3);
    }

    @Test
    void theInputsAreLeftAlone() {
        Array a = Mx.array(new float[] {1, 2}), b = Mx.array(new float[] {3});
        Array r = Mx.concatenate(List.of(a, b), 0);
        assertExact(r, DType.FLOAT32, shape(3), 1, 2, 3);
        assertExact(a, DType.FLOAT32, shape(2), 1, 2);
        assertThat(b.shape()).containsExactly(1);
    }

    @Test
    void badInputsNameTheOp() {
        Array a = Mx.zeros(2, 3);
        assertFailsWith(() -> Mx.concatenate(List.of(), 0), "concatenate", "at least one");
        assertFailsWith(() -> Mx.concatenate(List.of(Mx.array(1f), Mx.array(2f)), 0), "concatenate", "0-d");
        assertFailsWith(() -> Mx.concatenate(List.of(a, Mx.zeros(2, 4)), 0), "concatenate", "(2, 3)", "(2, 4)");
        assertFailsWith(() -> Mx.concatenate(List.of(a, Mx.zeros(6)), 0), "concatenate", "(6,)");
        assertFailsWith(() -> Mx.concatenate(List.of(a, a), 2), "concatenate", "axis 2");
    }
}
