package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.TestArrays.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Index updates: {@code x.set(...)} rebinds only its own handle (arrays built from x earlier keep the
 * old values), {@code set} with a repeated index writes once while {@code at(...).add} accumulates,
 * and boolean masks select the elements to assign. References are plain float64 code.
 */
class IndexingUpdateTest {

    @Test
    void arraysBuiltFromXBeforeSetKeepTheOldValues() {
        Random rng = new Random(101);
        Sample s = sample(rng, DType.FLOAT32, -4, 4, 3, 4);
        Array x = s.array();
        Array doubled = x.multiply(2.0);      // lazy, not yet computed
        Array row = x.get("1");               // a view of the old x
        Array evaluated = x.add(1.0).eval();  // already computed
        Array sameHandle = x;
        x.set("1, 1:3", 100.0);
        x.set(new Object[] {Mx.array(new int[] {0, 2}), 0}, Mx.array(new float[] {-7, -8}));

        double[] expectedX = s.values().clone();
        expectedX[5] = 100;
        expectedX[6] = 100;
        expectedX[0] = -7;
        expectedX[8] = -8;
        assertThat(sameHandle).isSameAs(x);
        // compute the updated x first: nothing it does may reach the arrays built before the update
        assertClose(x, DType.FLOAT32, shape(3, 4), expectedX, 0, 0);
        assertClose(doubled, DType.FLOAT32, shape(3, 4), mapRef(s.values(), v -> 2 * v), 0, 0);
        assertClose(row, DType.FLOAT32, shape(4), java.util.Arrays.copyOfRange(s.values(), 4, 8), 0, 0);
        assertClose(evaluated, DType.FLOAT32, shape(3, 4), mapRef(s.values(), v -> (float) (v + 1)), 0, 0);
    }

    @Test
    void chainedSetsEachSeeTheValueBeforeThem() {
        Array x = Mx.arange(0, 5, 1);
        Array before = x.multiply(1.0);
        x.set("0", x.get("4"));   // x[0] = x[4] -> 4
        Array middle = x.multiply(1.0);
        x.set("4", x.get("0").add(1.0)); // x[4] = x[0] + 1 -> 5
        assertClose(x, DType.FLOAT32, shape(5), new double[] {4, 1, 2, 3, 5}, 0, 0);
        assertClose(middle, DType.FLOAT32, shape(5), new double[] {4, 1, 2, 3, 4}, 0, 0);
        assertClose(before, DType.FLOAT32, shape(5), new double[] {0, 1, 2, 3, 4}, 0, 0);
    }

    @Test
    void setWithARepeatedIndexWritesOnceWhileAtAddAccumulates() {
        int[] idx = {0, 3, 3, 1, 3};
        Random rng = new Random(102);
        Sample s = sample(rng, DType.FLOAT32, -4, 4, 5);

        Array viaSet = Mx.array(s.values(), DType.FLOAT32, 5);
        viaSet.set(new Object[] {Mx.array(idx)}, viaSet.get(Mx.array(idx)).add(1.0));
        Array viaAt = s.array().at(Mx.array(idx)).add(1.0);

        double[] once = s.values().clone(), accumulated = s.values().clone();
        for (int i : idx) accumulated[i] += 1;
        for (int i : new int[] {0, 1, 3}) once[i] += 1;
        assertClose(viaSet, DType.FLOAT32, shape(5), once);
        assertClose(viaAt, DType.FLOAT32, shape(5), accumulated);
        assertThat(accumulated[3] - s.values()[3]).isEqualTo(3.0);
    }

    @Test
    void atAddAccumulatesRepeatedRowsOfAMatrix() {
        Random rng = new Random(103);
        Sample s = sample(rng, DType.FLOAT32, -2, 2, 4, 3);
        Sample u = sample(rng, DType.FLOAT32, -2, 2, 5, 3);
        int[] rows = {2, 0, 2, 2, 3};
        Array r = s.array().at(Mx.array(rows)).add(u.array());
        double[] expected = s.values().clone();
        for (int k = 0; k < rows.length; k++) for (int j = 0; j < 3; j++) expected[rows[k] * 3 + j] += u.values()[k * 3 + j];
        assertClose(r, DType.FLOAT32, shape(4, 3), expected);
        // at(...).multiply accumulates too: row 2 is scaled three times
        Array m = s.array().at(Mx.array(rows)).multiply(2.0);
        double[] scaled = s.values().clone();
        for (int row : rows) for (int j = 0; j < 3; j++) scaled[row * 3 + j] *= 2;
        assertClose(m, DType.FLOAT32, shape(4, 3), scaled);
    }

    @Test
    void booleanMaskAssignsAScalarWhereTheMaskIsTrue() {
        Random rng = new Random(104);
        Sample s = sample(rng, DType.FLOAT32, -3, 3, 3, 4);
        Array x = Mx.array(s.values(), DType.FLOAT32, 3, 4);
        Array mask = x.less(0.0);
        x.set(new Object[] {mask}, Mx.array(0f));
        assertClose(x, DType.FLOAT32, shape(3, 4), mapRef(s.values(), v -> v < 0 ? 0 : v), 0, 0);
        assertThat(x.dtype()).isEqualTo(DType.FLOAT32);
    }

    @Test
    void booleanMaskAssignsOneValuePerSelectedElementInRowMajorOrder() {
        Random rng = new Random(105);
        Sample s = sample(rng, DType.FLOAT32, -3, 3, 2, 5);
        boolean[] m = new boolean[10];
        int count = 0;
        for (int i = 0; i < 10; i++) if (m[i] = s.values()[i] > 0) count++;
        double[] values = new double[count];
        for (int i = 0; i < count; i++) values[i] = 10 + i;
        Array x = Mx.array(s.values(), DType.FLOAT32, 2, 5);
        x.set(new Object[] {Mx.array(m, 2, 5)}, Mx.array(values, DType.FLOAT32, count));
        double[] expected = s.values().clone();
        for (int i = 0, k = 0; i < 10; i++) if (m[i]) expected[i] = values[k++];
        assertClose(x, DType.FLOAT32, shape(2, 5), expected, 0, 0);
    }

    @Test
    void booleanMaskOverRowsAssignsABroadcastRow() {
        Random rng = new Random(106);
        Sample s = sample(rng, DType.INT32, -9, 9, 4, 3);
        Array x = Mx.array(s.values(), DType.INT32, 4, 3);
        boolean[] rows = {true, false, false, true};
        x.set(new Object[] {Mx.array(rows), Slice.of(1, null, 1)}, Mx.array(new int[] {-1, -2}));
        double[] expected = s.values().clone();
        for (int r : new int[] {0, 3}) {
            expected[r * 3 + 1] = -1;
            expected[r * 3 + 2] = -2;
        }
        assertExact(x, DType.INT32, shape(4, 3), expected);
    }

    @Test
    void booleanMaskAtAddAddsOnlyWhereTrueAndAnAllFalseMaskChangesNothing() {
        Random rng = new Random(107);
        Sample s = sample(rng, DType.FLOAT32, -3, 3, 6);
        boolean[] m = {true, false, true, true, false, false};
        Array r = s.array().at(Mx.array(m)).add(0.5);
        double[] expected = s.values().clone();
        for (int i = 0; i < 6; i++) if (m[i]) expected[i] += 0.5;
        assertClose(r, DType.FLOAT32, shape(6), expected);

        Array x = Mx.array(s.values(), DType.FLOAT32, 6);
        x.set(new Object[] {Mx.array(new boolean[6])}, Mx.array(42f));
        assertClose(x, DType.FLOAT32, shape(6), s.values(), 0, 0);
    }

    @Test
    void setCastsTheValueToTheArraysDtype() {
        Array x = Mx.array(new int[] {1, 2, 3, 4});
        x.set("1:3", Mx.array(new float[] {7.9f, -2.6f}));
        assertExact(x, DType.INT32, shape(4), 1, 7, -2, 4);
        Array y = Mx.arange(0, 4, 1);
        y.set("::2", Mx.array(new int[] {9, 8}));
        assertExact(y, DType.FLOAT32, shape(4), 9, 1, 8, 3);
    }
}
