package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.TestArrays.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Java scalars beside an array are weak, as Python scalars are in MLX: an integer scalar takes the
 * array's dtype (a BOOL array with an integer gives INT32); a floating scalar takes the array's dtype
 * when it is floating (or complex), else FLOAT32. Strong 0-d arrays promote normally.
 */
class WeakScalarTest {

    private static DType intScalarResult(DType t) { return t == DType.BOOL ? DType.INT32 : t; }

    private static DType floatScalarResult(DType t) { return t.isInexact() ? t : DType.FLOAT32; }

    private static Array smallValues(DType t) {
        return t == DType.BOOL ? Mx.array(new boolean[] {true, false, true}, 3) : Mx.array(new double[] {1, 2, 3}, t, 3);
    }

    private static double[] smallValuesAsDoubles(DType t) {
        return t == DType.BOOL ? new double[] {1, 0, 1} : new double[] {1, 2, 3};
    }

    @ParameterizedTest(name = "{0} + int")
    @EnumSource(DType.class)
    void intScalarTakesTheArrayDtype(DType t) {
        double[] x = smallValuesAsDoubles(t);
        DType r = intScalarResult(t);
        assertExact(smallValues(t).add(2), r, shape(3), storedAs(r, x[0] + 2), storedAs(r, x[1] + 2), storedAs(r, x[2] + 2));
        assertExact(Mx.multiply(smallValues(t), 3), r, shape(3), storedAs(r, x[0] * 3), storedAs(r, x[1] * 3), storedAs(r, x[2] * 3));
        assertExact(smallValues(t).subtract(1), r, shape(3), storedAs(r, x[0] - 1), storedAs(r, x[1] - 1), storedAs(r, x[2] - 1));
    }

    @ParameterizedTest(name = "{0} + float")
    @EnumSource(DType.class)
    void floatScalarTakesTheArrayDtypeIfInexactElseFloat32(DType t) {
        double[] x = smallValuesAsDoubles(t);
        DType r = floatScalarResult(t);
        assertExact(smallValues(t).add(0.5), r, shape(3), x[0] + 0.5, x[1] + 0.5, x[2] + 0.5);
        assertExact(Mx.multiply(smallValues(t), 2.0), r, shape(3), x[0] * 2, x[1] * 2, x[2] * 2);
    }

    @Test
    void documentedExamples() {
        Array h = Mx.array(new double[] {1.5, -2.25}, DType.FLOAT16, 2);
        assertExact(h.multiply(2.0), DType.FLOAT16, shape(2), 3, -4.5);
        Array i8 = Mx.array(new double[] {5, -7}, DType.INT8, 2);
        assertExact(i8.add(1), DType.INT8, shape(2), 6, -6);
        Array i32 = Mx.array(new int[] {3, -5}, 2);
        // the scalar is not truncated to an integer
        assertExact(i32.multiply(2.5), DType.FLOAT32, shape(2), 7.5, -12.5);
        Array b = Mx.array(new boolean[] {true, false}, 2);
        assertExact(b.add(1), DType.INT32, shape(2), 2, 1);
        assertExact(b.multiply(1.5), DType.FLOAT32, shape(2), 1.5, 0);
        Array bf = Mx.array(new double[] {1, 2}, DType.BFLOAT16, 2);
        assertExact(bf.add(0.5), DType.BFLOAT16, shape(2), 1.5, 2.5);
    }

    @Test
    void weakIntScalarWrapsInSmallIntegerTypes() {
        assertExact(Mx.array(new double[] {127, -128}, DType.INT8, 2).add(1), DType.INT8, shape(2), -128, -127);
        assertExact(Mx.array(new double[] {255, 0}, DType.UINT8, 2).add(1), DType.UINT8, shape(2), 0, 1);
        assertExact(Mx.array(new double[] {0}, DType.UINT16, 1).subtract(1), DType.UINT16, shape(1), 65535);
    }

    @Test
    void weakFloatScalarKeepsFloat64Precision() {
        Array d = Mx.array(new double[] {1, 3}, DType.FLOAT64, 2);
        assertExact(d.add(0.1), DType.FLOAT64, shape(2), 1 + 0.1, 3 + 0.1);
        assertExact(d.multiply(Math.PI), DType.FLOAT64, shape(2), Math.PI, 3 * Math.PI);
    }

    @Test
    void weakFloatScalarIsRoundedToAHalfArraysDtype() {
        // 0.1 becomes float16(0.1), so it equals the stored float16 0.1
        Array h = Mx.array(new double[] {0.1, 0.2}, DType.FLOAT16, 2);
        assertBools(h.equal(0.1), shape(2), true, false);
        // a strong float32 0-d array promotes to float32 instead, where float16(0.1) != 0.1f
        assertBools(Mx.equal(h, Mx.array(0.1f)), shape(2), false, false);
    }

    @Test
    void strongZeroDimArraysPromoteNormally() {
        Array i8 = Mx.array(new double[] {1, 2}, DType.INT8, 2);
        assertExact(i8.add(Mx.array(1)), DType.INT32, shape(2), 2, 3);
        Array h = Mx.array(new double[] {1, 2}, DType.FLOAT16, 2);
        assertExact(h.multiply(Mx.array(2.0f)), DType.FLOAT32, shape(2), 2, 4);
        assertExact(h.multiply(Mx.array(2.0, DType.FLOAT16)), DType.FLOAT16, shape(2), 2, 4);
    }

    @Test
    void reversedOperandForms() {
        Array i8 = Mx.array(new double[] {1, 2, -3}, DType.INT8, 3);
        assertExact(Mx.subtract(10, i8), DType.INT8, shape(3), 9, 8, 13);
        assertExact(Mx.subtract(0.5, i8), DType.FLOAT32, shape(3), -0.5, -1.5, 3.5);
        Array i32 = Mx.array(new int[] {2, 4, -8}, 3);
        assertExact(Mx.divide(1.0, i32), DType.FLOAT32, shape(3), 0.5, 0.25, -0.125);
        Array h = Mx.array(new double[] {1, 2, 3}, DType.FLOAT16, 3);
        assertExact(Mx.power(2.0, h), DType.FLOAT16, shape(3), 2, 4, 8);
        assertExact(Mx.subtract(1.0, h), DType.FLOAT16, shape(3), 0, -1, -2);
    }

    @Test
    void divisionAndRemainderWithIntScalars() {
        Array i32 = Mx.array(new int[] {7, -7, 6}, 3);
        assertExact(i32.divide(2), DType.FLOAT32, shape(3), 3.5, -3.5, 3);
        assertExact(i32.floorDivide(2), DType.INT32, shape(3), 3, -4, 3);
        assertExact(i32.remainder(3), DType.INT32, shape(3), 1, 2, 0);
        Array i8 = Mx.array(new double[] {7, -7}, DType.INT8, 2);
        assertExact(i8.remainder(-3), DType.INT8, shape(2), -2, -1);
        assertExact(i8.floorDivide(2.0), DType.FLOAT32, shape(2), 3, -4);
        assertExact(i8.power(2), DType.INT8, shape(2), 49, 49);
    }

    @Test
    void comparisonsWithAFloatScalarDoNotTruncateIt() {
        Array i8 = Mx.array(new double[] {1, 2}, DType.INT8, 2);
        assertBools(i8.less(1.5), shape(2), true, false);
        assertBools(i8.greaterEqual(1.5), shape(2), false, true);
        assertBools(i8.equal(1.0), shape(2), true, false);
        assertBools(i8.notEqual(2.0), shape(2), true, false);
        assertBools(i8.lessEqual(1.0), shape(2), true, false);
        assertBools(i8.greater(1.99), shape(2), false, true);
    }

    @Test
    void whereWithAScalarBranch() {
        Array cond = Mx.array(new boolean[] {true, false, true}, 3);
        Array h = Mx.array(new double[] {1, 2, 3}, DType.FLOAT16, 3);
        assertExact(Mx.where(cond, h, 0.5), DType.FLOAT16, shape(3), 1, 0.5, 3);
        assertExact(Mx.where(cond, -1.0, h), DType.FLOAT16, shape(3), -1, 2, -1);
        Array i8 = Mx.array(new double[] {1, 2, 3}, DType.INT8, 3);
        assertExact(Mx.where(cond, i8, 0.5), DType.FLOAT32, shape(3), 1, 0.5, 3);
    }

    @Test
    void maximumMinimumAndClipWithFloatScalars() {
        Array h = Mx.array(new double[] {-1, 0.5, 3}, DType.FLOAT16, 3);
        assertExact(h.maximum(0.0), DType.FLOAT16, shape(3), 0, 0.5, 3);
        assertExact(h.minimum(1.0), DType.FLOAT16, shape(3), -1, 0.5, 1);
        assertExact(Mx.clip(h, 0.0, 2.0), DType.FLOAT16, shape(3), 0, 0.5, 2);
        Array i32 = Mx.array(new int[] {-3, 1, 9}, 3);
        assertExact(i32.maximum(0.5), DType.FLOAT32, shape(3), 0.5, 1, 9);
    }

    /** MLX: {@code mx.maximum(int8_array, 0)} and {@code mx.clip(int32_array, 2, 8)} keep the integer dtype. */
    @Test
    void maximumMinimumAndClipWithIntScalarsKeepTheIntegerDtype() {
        Array i8 = Mx.array(new double[] {-3, 1, 9}, DType.INT8, 3);
        assertExact(Mx.maximum(i8, 0), DType.INT8, shape(3), 0, 1, 9);
        assertExact(Mx.minimum(i8, 2), DType.INT8, shape(3), -3, 1, 2);
        Array i32 = Mx.array(new int[] {-3, 1, 9}, 3);
        assertExact(Mx.clip(i32, 2, 8), DType.INT32, shape(3), 2, 2, 8);
    }

    @Test
    void scalarsNeverChangeTheArrayShape() {
        Array a = Mx.zeros(new int[] {2, 3, 1}, DType.FLOAT32);
        assertShape(a.add(1), DType.FLOAT32, 2, 3, 1);
        assertShape(Mx.subtract(1.0, a), DType.FLOAT32, 2, 3, 1);
        Array s = Mx.array(4, DType.INT16);
        assertShape(s.multiply(2), DType.INT16, new int[0]);
        assertThat(s.multiply(2).intValue()).isEqualTo(8);
    }
}
