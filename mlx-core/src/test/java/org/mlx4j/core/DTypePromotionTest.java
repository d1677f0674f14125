package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.TestArrays.*;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MLX's type promotion for every pair of the 14 dtypes, written out from MLX's documented rules:
 * bool with x gives x; the same kind gives the wider type; unsigned with signed gives the signed type
 * of twice the unsigned size (or the signed size if larger), except uint64 with a signed type which
 * gives float32; float16 with bfloat16 gives float32; any integer with a float gives that float;
 * float64 beats every other real type; complex64 beats everything.
 */
class DTypePromotionTest {

    /** Rows and columns in the order of {@link #ORDER}. */
    private static final String[] TABLE = {
        //        b     u8    u16   u32   u64   i8    i16   i32   i64   f16   bf16  f32   f64   c64
        /* b  */ "b     u8    u16   u32   u64   i8    i16   i32   i64   f16   bf16  f32   f64   c64",
        /* u8 */ "u8    u8    u16   u32   u64   i16   i16   i32   i64   f16   bf16  f32   f64   c64",
        /* u16*/ "u16   u16   u16   u32   u64   i32   i32   i32   i64   f16   bf16  f32   f64   c64",
        /* u32*/ "u32   u32   u32   u32   u64   i64   i64   i64   i64   f16   bf16  f32   f64   c64",
        /* u64*/ "u64   u64   u64   u64   u64   f32   f32   f32   f32   f16   bf16  f32   f64   c64",
        /* i8 */ "i8    i16   i32   i64   f32   i8    i16   i32   i64   f16   bf16  f32   f64   c64",
        /* i16*/ "i16   i16   i32   i64   f32   i16   i16   i32   i64   f16   bf16  f32   f64   c64",
        /* i32*/ "i32   i32   i32   i64   f32   i32   i32   i32   i64   f16   bf16  f32   f64   c64",
        /* i64*/ "i64   i64   i64   i64   f32   i64   i64   i64   i64   f16   bf16  f32   f64   c64",
        /* f16*/ "f16   f16   f16   f16   f16   f16   f16   f16   f16   f16   f32   f32   f64   c64",
        /* bf16*/"bf16  bf16  bf16  bf16  bf16  bf16  bf16  bf16  bf16  f32   bf16  f32   f64   c64",
        /* f32*/ "f32   f32   f32   f32   f32   f32   f32   f32   f32   f32   f32   f32   f64   c64",
        /* f64*/ "f64   f64   f64   f64   f64   f64   f64   f64   f64   f64   f64   f64   f64   c64",
        /* c64*/ "c64   c64   c64   c64   c64   c64   c64   c64   c64   c64   c64   c64   c64   c64",
    };

    private static final DType[] ORDER = {
        DType.BOOL, DType.UINT8, DType.UINT16, DType.UINT32, DType.UINT64, DType.INT8, DType.INT16, DType.INT32,
        DType.INT64, DType.FLOAT16, DType.BFLOAT16, DType.FLOAT32, DType.FLOAT64, DType.COMPLEX64
    };

    private static DType parse(String s) {
        return switch (s) {
            case "b" -> DType.BOOL;
            case "u8" -> DType.UINT8;
            case "u16" -> DType.UINT16;
            case "u32" -> DType.UINT32;
            case "u64" -> DType.UINT64;
            case "i8" -> DType.INT8;
            case "i16" -> DType.INT16;
            case "i32" -> DType.INT32;
            case "i64" -> DType.INT64;
            case "f16" -> DType.FLOAT16;
            case "bf16" -> DType.BFLOAT16;
            case "f32" -> DType.FLOAT32;
            case "f64" -> DType.FLOAT64;
            case "c64" -> DType.COMPLEX64;
            default -> throw new IllegalArgumentException(s);
        };
    }

    static DType expected(DType a, DType b) {
        int i = java.util.Arrays.asList(ORDER).indexOf(a), j = java.util.Arrays.asList(ORDER).indexOf(b);
        return parse(TABLE[i].trim().split("\\s+")[j]);
    }

    static Stream<Arguments> allPairs() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (DType x : ORDER) for (DType y : ORDER) b.add(Arguments.of(x, y));
        return b.build();
    }

    @Test
    void tableCoversEveryDtypeOnce() {
        assertThat(ORDER).containsExactlyInAnyOrder(DType.values());
        for (String row : TABLE) assertThat(row.trim().split("\\s+")).hasSize(14);
    }

    @ParameterizedTest(name = "promote({0}, {1})")
    @MethodSource("allPairs")
    void promoteMatchesTable(DType a, DType b) {
        assertThat(DType.promote(a, b)).isEqualTo(expected(a, b));
    }

    /** The promoted dtype is what a binary op between strong arrays produces, and values convert exactly. */
    @ParameterizedTest(name = "add({0}, {1})")
    @MethodSource("allPairs")
    void binaryOpOfArraysUsesPromotedDtype(DType a, DType b) {
        DType t = expected(a, b);
        double[] x = a == DType.BOOL ? new double[] {1, 0, 1} : new double[] {3, 1, 7};
        double[] y = b == DType.BOOL ? new double[] {1, 1, 0} : new double[] {2, 5, 1};
        Array r = Mx.add(Mx.array(x, a, 3), Mx.array(y, b, 3));
        double[] want = new double[3];
        for (int i = 0; i < 3; i++) want[i] = storedAs(t, x[i] + y[i]);
        assertExact(r, t, shape(3), want);
    }

    @Test
    void promotionIsCommutative() {
        for (DType a : ORDER) for (DType b : ORDER) assertThat(DType.promote(a, b)).as("%s, %s", a, b).isEqualTo(DType.promote(b, a));
    }

    @Test
    void documentedExamples() {
        assertThat(DType.promote(DType.FLOAT16, DType.BFLOAT16)).isEqualTo(DType.FLOAT32);
        assertThat(DType.promote(DType.UINT64, DType.INT8)).isEqualTo(DType.FLOAT32);
        assertThat(DType.promote(DType.UINT64, DType.INT64)).isEqualTo(DType.FLOAT32);
        assertThat(DType.promote(DType.INT64, DType.FLOAT16)).isEqualTo(DType.FLOAT16);
        assertThat(DType.promote(DType.UINT32, DType.BFLOAT16)).isEqualTo(DType.BFLOAT16);
        assertThat(DType.promote(DType.UINT8, DType.INT8)).isEqualTo(DType.INT16);
        assertThat(DType.promote(DType.UINT16, DType.INT8)).isEqualTo(DType.INT32);
        assertThat(DType.promote(DType.UINT32, DType.INT32)).isEqualTo(DType.INT64);
        assertThat(DType.promote(DType.UINT8, DType.INT32)).isEqualTo(DType.INT32);
        assertThat(DType.promote(DType.FLOAT32, DType.FLOAT64)).isEqualTo(DType.FLOAT64);
        assertThat(DType.promote(DType.FLOAT64, DType.COMPLEX64)).isEqualTo(DType.COMPLEX64);
        assertThat(DType.promote(DType.BOOL, DType.BOOL)).isEqualTo(DType.BOOL);
    }

    @Test
    void sizesAndNames() {
        int[] sizes = {1, 1, 2, 4, 8, 1, 2, 4, 8, 2, 2, 4, 8, 8};
        String[] names = {"bool", "uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64",
            "float16", "bfloat16", "float32", "float64", "complex64"};
        for (int i = 0; i < ORDER.length; i++) {
            assertThat(ORDER[i].size()).as("size of %s", ORDER[i]).isEqualTo(sizes[i]);
            assertThat(ORDER[i].mlxName()).isEqualTo(names[i]);
        }
        assertThat(DType.values()).hasSize(14);
    }

    @Test
    void mixedSignednessConvertsValuesBeforeTheOp() {
        // uint8 255 and int8 -1 meet as int16: no wrap-around
        Array r = Mx.add(Mx.array(new double[] {255, 200, 0}, DType.UINT8, 3), Mx.array(new double[] {-1, -128, -128}, DType.INT8, 3));
        assertExact(r, DType.INT16, shape(3), 254, 72, -128);
        Array s = Mx.add(Mx.array(new double[] {65535}, DType.UINT16, 1), Mx.array(new double[] {1}, DType.INT16, 1));
        assertExact(s, DType.INT32, shape(1), 65536);
        Array u = Mx.add(Mx.array(new long[] {4_000_000_000L}, 1).astype(DType.UINT32), Mx.array(new int[] {1}, 1));
        assertExact(u, DType.INT64, shape(1), 4_000_000_001.0);
    }

    @Test
    void comparisonsHappenInThePromotedType() {
        // uint8 200 and int8 -56 have the same bits; compared as int16 they differ
        Array a = Mx.array(new double[] {200, 3}, DType.UINT8, 2);
        Array b = Mx.array(new double[] {-56, 3}, DType.INT8, 2);
        assertBools(Mx.equal(a, b), shape(2), false, true);
        assertBools(Mx.greater(a, b), shape(2), true, false);
        // float16 0.1 and float32 0.1 differ once both are float32
        Array h = Mx.array(new double[] {0.1}, DType.FLOAT16, 1);
        assertBools(Mx.equal(h, Mx.array(new float[] {0.1f}, 1)), shape(1), false);
    }

    @Test
    void whereAndMatmulPromoteTheirValueOperands() {
        Array cond = Mx.array(new boolean[] {true, false}, 2);
        Array w = Mx.where(cond, Mx.array(new double[] {1, 2}, DType.INT8, 2), Mx.array(new double[] {0.5, 1.5}, DType.FLOAT16, 2));
        assertExact(w, DType.FLOAT16, shape(2), 1, 1.5);
        Array u = Mx.where(cond, Mx.array(new double[] {1, 2}, DType.UINT8, 2), Mx.array(new double[] {-3, -4}, DType.INT8, 2));
        assertExact(u, DType.INT16, shape(2), 1, -4);
        Array m = Mx.matmul(Mx.array(new double[] {1, 2}, DType.FLOAT16, 1, 2), Mx.array(new double[] {3, 4}, DType.FLOAT32, 2, 1));
        assertExact(m, DType.FLOAT32, shape(1, 1), 11);
        Array n = Mx.matmul(Mx.array(new double[] {1, 2}, DType.FLOAT16, 1, 2), Mx.array(new double[] {3, 4}, DType.BFLOAT16, 2, 1));
        assertExact(n, DType.FLOAT32, shape(1, 1), 11);
    }
}
