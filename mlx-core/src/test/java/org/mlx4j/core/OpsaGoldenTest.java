package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.TestArrays.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The op-surface ops against NumPy (golden/opsa/opsa_golden.py), on random inputs, dtypes and shapes checked. */
class OpsaGoldenTest {
    private static Array g(String name) { return OpsaGolden.get(name); }

    /** {@code actual} has {@code dtype}, the expected entry's shape, and its values within the dtype's tolerance. */
    private static void check(Array actual, DType dtype, String expected) {
        Array e = g(expected);
        double tol = dtype == DType.FLOAT32 ? 1e-6 : dtype == DType.FLOAT16 ? 1e-3 : 1e-12;
        assertClose(actual, dtype, e.shape(), e.toDoubleArray(), tol, tol);
    }

    private static Array f64(String name) { return g(name).astype(DType.FLOAT64); }

    @Test
    void creation() {
        check(Mx.tri(4, 5, 1, DType.FLOAT32), DType.FLOAT32, "tri_out");
        for (int k = -1; k <= 2; k += k == 0 ? 2 : 1) {
            check(Mx.tril(f64("tril_k" + (k + 1) + "_inp"), k), DType.FLOAT64, "tril_k" + (k + 1) + "_out");
            check(Mx.triu(f64("triu_k" + (k + 1) + "_inp"), k), DType.FLOAT64, "triu_k" + (k + 1) + "_out");
        }
        for (int m : new int[] {0, 1, 2, 7, 12}) {
            check(Mx.bartlett(m), DType.FLOAT32, "bartlett" + m + "_out");
            check(Mx.hanning(m), DType.FLOAT32, "hanning" + m + "_out");
            check(Mx.hamming(m), DType.FLOAT32, "hamming" + m + "_out");
            check(Mx.blackman(m), DType.FLOAT32, "blackman" + m + "_out");
        }
        Array a = Mx.arange(0, 3, 1, DType.FLOAT64), b = Mx.multiply(Mx.arange(0, 4, 1, DType.FLOAT64), 2.0),
                c = Mx.subtract(Mx.arange(0, 2, 1, DType.FLOAT64), 5.0);
        for (String ix : new String[] {"xy", "ij"}) {
            List<Array> grid = Mx.meshgrid(List.of(a, b, c), false, ix);
            for (int i = 0; i < 3; i++) check(grid.get(i), DType.FLOAT64, "meshgrid_" + ix + i + "_out");
            List<Array> sparse = Mx.meshgrid(List.of(a, b, c), true, ix);
            for (int i = 0; i < 3; i++) {
                check(Mx.broadcastTo(sparse.get(i), grid.get(i).shape()), DType.FLOAT64, "meshgrid_" + ix + i + "_out");
            }
        }
    }

    @Test
    void elementwiseAndLogic() {
        check(Mx.isclose(f64("isclose_in0"), f64("isclose_in1"), 1e-5, 1e-8), DType.BOOL, "isclose_out");
        check(Mx.isclose(f64("isclose_nan_in0"), f64("isclose_nan_in1"), 1e-3, 1e-4, true), DType.BOOL, "isclose_nan_out");
        check(Mx.trunc(g("trunc_inp")), DType.FLOAT64, "trunc_out");
        check(Mx.trunc(g("trunc32_inp")), DType.FLOAT32, "trunc32_out");
        check(Mx.nanToNum(g("nan_to_num_inp")), DType.FLOAT64, "nan_to_num_out");
        check(Mx.nanToNum(g("nan_to_num32_inp")), DType.FLOAT32, "nan_to_num32_out");
        check(Mx.nanToNum(g("nan_to_num_args_inp"), 7.0, 100.0, -100.0), DType.FLOAT64, "nan_to_num_args_out");
        check(Mx.logicalXor(g("logical_xor_in0"), g("logical_xor_in1")), DType.BOOL, "logical_xor_out");
    }

    @Test
    void reductions() {
        Array x = g("median_all_inp");
        check(Mx.median(x), DType.FLOAT64, "median_all_out");
        check(Mx.median(x, 1), DType.FLOAT64, "median_ax1_out");
        check(Mx.median(x, 0, 2), DType.FLOAT64, "median_ax02_out");
        check(Mx.median(x, new int[] {2}, true), DType.FLOAT64, "median_ax2k_out");
        check(Mx.median(x.astype(DType.FLOAT32), 1), DType.FLOAT32, "median_ax1_out");
        check(Mx.median(g("median_int_inp").astype(DType.INT32), 0), DType.FLOAT32, "median_int_out");
        check(Mx.countNonzero(g("count_nonzero_inp"), 1), DType.INT32, "count_nonzero_out");
        check(Mx.countNonzero(g("count_nonzero_all_inp")), DType.INT32, "count_nonzero_all_out");
    }

    @Test
    void sortAndScan() {
        for (String side : new String[] {"left", "right"}) {
            String n = "searchsorted_" + side;
            check(Mx.searchsorted(g(n + "_in0"), g(n + "_in1"), side), DType.INT32, n + "_out");
            check(Mx.searchsorted(g(n + "_in0").astype(DType.INT32), g(n + "_in1").astype(DType.FLOAT32), side), DType.INT32, n + "_out");
        }
        for (String side : new String[] {"left", "right"}) {
            String n = "searchsorted_nan_" + side;
            check(Mx.searchsorted(g(n + "_in0"), g(n + "_in1"), side), DType.INT32, n + "_out");
            check(Mx.searchsorted(g(n + "_in0").astype(DType.FLOAT16), g(n + "_in1").astype(DType.FLOAT32), side), DType.INT32, n + "_out");
        }
        Array x = g("diff1_inp");
        check(Mx.diff(x), DType.FLOAT64, "diff1_out");
        check(Mx.diff(x, 2, 0), DType.FLOAT64, "diff2_ax0_out");
        check(Mx.diff(x, 3, 1, Mx.slice(x, new int[] {0, 0}, new int[] {4, 2}, null), Mx.array(1.5, DType.FLOAT64)),
                DType.FLOAT64, "diff3_pa_out");
        check(Mx.diff(g("diff_bool_inp")), DType.BOOL, "diff_bool_out");
    }

    @Test
    void shapes() {
        Array x = g("flip_all_inp");
        check(Mx.flip(x), DType.FLOAT64, "flip_all_out");
        check(Mx.flip(x, 0, 2), DType.FLOAT64, "flip_02_out");
        check(Mx.roll(x, 3, 1), DType.FLOAT64, "roll_3_ax1_out");
        check(Mx.roll(x, -7, 2), DType.FLOAT64, "roll_m7_ax2_out");
        check(Mx.roll(x, 11), DType.FLOAT64, "roll_flat_out");
        check(Mx.roll(x, new int[] {1, -2}, new int[] {0, 2}), DType.FLOAT64, "roll_multi_out");
        check(Mx.repeat(x, 3, 1), DType.FLOAT64, "repeat_ax1_out");
        check(Mx.repeat(x, 2), DType.FLOAT64, "repeat_flat_out");
        check(Mx.tile(x, 2, 3), DType.FLOAT64, "tile_23_out");
        check(Mx.tile(x, 2, 1, 1, 2), DType.FLOAT64, "tile_2111_out");
        for (String mode : new String[] {"edge", "reflect", "symmetric"}) {
            check(Mx.pad(g("pad_" + mode + "_inp"), new int[][] {{2, 7}, {5, 1}}, mode, 0), DType.FLOAT64, "pad_" + mode + "_out");
        }
        check(Mx.pad(g("pad_constant_inp"), new int[][] {{1, 2}, {0, 3}}, "constant", 2.5), DType.FLOAT64, "pad_constant_out");
        check(Mx.diagonal(x), DType.FLOAT64, "diagonal_out");
        check(Mx.diagonal(x, 1, 2, 1), DType.FLOAT64, "diagonal_o1_21_out");
        check(Mx.diagonal(x, -2, 0, 2), DType.FLOAT64, "diagonal_om2_02_out");
        check(Mx.diag(g("diag_1d_k2_inp"), 2), DType.FLOAT64, "diag_1d_k2_out");
        check(Mx.diag(g("diag_1d_km1_inp"), -1), DType.FLOAT64, "diag_1d_km1_out");
        check(Mx.diag(g("diag_2d_k1_inp"), 1), DType.FLOAT64, "diag_2d_k1_out");
        check(Mx.trace(x), DType.FLOAT64, "trace_out");
        check(Mx.trace(x, 1, 1, 2, null), DType.FLOAT64, "trace_o1_12_out");
        check(Mx.asStrided(x, new int[] {4, 3}, new long[] {5, 2}, 0), DType.FLOAT64, "as_strided_out");
        check(Mx.asStrided(x, new int[] {3, 2, 2}, new long[] {10, 1, 3}, 7), DType.FLOAT64, "as_strided_off_out");
        check(Mx.view(g("view_i32_inp"), DType.INT32), DType.INT32, "view_i32_out");
        check(Mx.view(g("view_u8_inp"), DType.UINT8), DType.UINT8, "view_u8_out");
        check(Mx.view(g("view_f16_inp"), DType.FLOAT16), DType.FLOAT16, "view_f16_out");
        check(Mx.view(g("view_f16_to_f32_inp"), DType.FLOAT32), DType.FLOAT32, "view_f16_to_f32_out");
        // a view of a view that is not contiguous (a transpose) reads the row-major bytes
        Array t = g("view_i32_inp").transpose();
        assertThat(Mx.view(t, DType.INT32).toIntArray()).containsExactly(Mx.view(Mx.contiguous(t), DType.INT32).toIntArray());
    }
}
