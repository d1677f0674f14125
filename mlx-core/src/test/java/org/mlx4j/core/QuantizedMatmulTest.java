package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The product with a quantized matrix against plain float64 products with the dequantized matrix (whose
 * values {@link QuantizationGoldenTest} checks), for every mode, bit width and group size, transposed and
 * not, batched and broadcast; its derivatives (vjp against float64 formulas, jvp against central
 * differences, the two against each other), vmap against a loop, gatherQmm against gathering by hand,
 * and the errors for bad input.
 */
class QuantizedMatmulTest {

    record Q(String mode, int groupSize, int bits) {
        List<Array> quantize(Array w) { return Mx.quantize(w, groupSize, bits, mode); }

        Array biases(List<Array> q) { return q.size() > 2 ? q.get(2) : null; }

        Array product(Array x, List<Array> q, boolean transpose) {
            return Mx.quantizedMatmul(x, q.get(0), q.get(1), biases(q), transpose, groupSize, bits, mode);
        }

        Array dense(List<Array> q) { return Mx.dequantize(q.get(0), q.get(1), biases(q), groupSize, bits, mode, DType.FLOAT32); }
    }

    static Stream<Arguments> formats() {
        List<Arguments> out = new ArrayList<>();
        for (int gs : new int[] {32, 64, 128}) for (int bits : new int[] {2, 3, 4, 5, 6, 8}) out.add(Arguments.of(new Q("affine", gs, bits)));
        out.add(Arguments.of(new Q("mxfp4", 32, 4)));
        out.add(Arguments.of(new Q("nvfp4", 16, 4)));
        out.add(Arguments.of(new Q("mxfp8", 32, 8)));
        return out.stream();
    }

    private static Array normal(Random rng, int... shape) {
        return Mx.array(TestArrays.uniform(rng, TestArrays.size(shape), -2, 2), shape);
    }

    /** {@code x [b?, m, k]} times the dense {@code w} ({@code [b?, n, k]} transposed, {@code [b?, k, n]} not), in float64. */
    private static double[] reference(float[] x, int xb, int m, int k, float[] w, int wb, int rows, int cols, boolean transpose) {
        int n = transpose ? rows : cols, b = Math.max(xb, wb);
        double[] out = new double[b * m * n];
        for (int bi = 0; bi < b; bi++) {
            int xo = (xb == 1 ? 0 : bi) * m * k, wo = (wb == 1 ? 0 : bi) * rows * cols;
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) {
                double s = 0;
                for (int kk = 0; kk < k; kk++) s += (double) x[xo + i * k + kk] * (transpose ? w[wo + j * cols + kk] : w[wo + kk * cols + j]);
                out[(bi * m + i) * n + j] = s;
            }
        }
        return out;
    }

    private static void close(float[] got, double[] expected, double scale) {
        assertThat(got).hasSize(expected.length);
        for (int i = 0; i < got.length; i++) {
            assertThat((double) got[i]).as("element %d", i).isCloseTo(expected[i], org.assertj.core.api.Assertions.within(1e-5 * scale + 1e-4));
        }
    }

    @ParameterizedTest
    @MethodSource("formats")
    void productMatchesTheDequantizedMatrix(Q f) {
        Random rng = new Random(f.hashCode());
        int k = 2 * f.groupSize(), n = 24, m = 3;
        for (boolean transpose : new boolean[] {true, false}) {
            int rows = transpose ? n : k, cols = transpose ? k : 2 * f.groupSize();
            int nOut = transpose ? n : cols;
            List<Array> q = f.quantize(normal(rng, rows, cols));
            float[] dense = f.dense(q).toFloatArray();
            // matrix, vector and batched x against one matrix
            for (int[] xs : new int[][] {{m, k}, {k}, {2, m, k}, {1, k}}) {
                Array x = normal(rng, xs);
                Array y = f.product(x, q, transpose);
                int[] expectedShape = xs.clone();
                expectedShape[xs.length - 1] = nOut;
                assertThat(y.shape()).containsExactly(expectedShape);
                assertThat(y.dtype()).isEqualTo(DType.FLOAT32);
                int mm = xs.length > 1 ? xs[xs.length - 2] : 1, xb = TestArrays.size(xs) / (mm * k);
                close(y.toFloatArray(), reference(x.toFloatArray(), xb, mm, k, dense, 1, rows, cols, transpose), 4.0 * k);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("formats")
    void batchedMatricesBroadcastAgainstX(Q f) {
        Random rng = new Random(31 + f.hashCode());
        int k = f.groupSize(), n = 8, m = 2;
        List<Array> q = f.quantize(normal(rng, 3, n, k));
        float[] dense = f.dense(q).toFloatArray();
        Array x = normal(rng, 3, m, k);
        Array y = f.product(x, q, true);
        assertThat(y.shape()).containsExactly(3, m, n);
        close(y.toFloatArray(), reference(x.toFloatArray(), 3, m, k, dense, 3, n, k, true), 4.0 * k);
        Array shared = normal(rng, m, k); // one x against every matrix
        Array ys = f.product(shared, q, true);
        assertThat(ys.shape()).containsExactly(3, m, n);
        close(ys.toFloatArray(), reference(shared.toFloatArray(), 1, m, k, dense, 3, n, k, true), 4.0 * k);
        Array v = normal(rng, k); // a vector against every matrix
        assertThat(f.product(v, q, true).shape()).containsExactly(3, n);
        close(f.product(v, q, true).toFloatArray(), reference(v.toFloatArray(), 1, 1, k, dense, 3, n, k, true), 4.0 * k);
    }

    @Test
    void halfPrecisionOperandsGiveTheirDtype() {
        Random rng = new Random(5);
        List<Array> q = Mx.quantize(normal(rng, 16, 64).astype(DType.BFLOAT16), 64, 4);
        Array x = normal(rng, 2, 64).astype(DType.BFLOAT16);
        Array y = Mx.quantizedMatmul(x, q.get(0), q.get(1), q.get(2), true, 64, 4);
        assertThat(y.dtype()).isEqualTo(DType.BFLOAT16);
        Array f32 = Mx.quantizedMatmul(x.astype(DType.FLOAT32), q.get(0), q.get(1), q.get(2), true, 64, 4);
        assertThat(f32.dtype()).isEqualTo(DType.FLOAT32);
        float[] a = y.toFloatArray(), b = f32.toFloatArray();
        for (int i = 0; i < a.length; i++) assertThat(a[i]).isCloseTo(b[i], org.assertj.core.api.Assertions.within(0.02f * Math.abs(b[i]) + 0.02f));
        List<Array> mx = Mx.quantize(normal(rng, 16, 64), 32, 4, "mxfp4");
        Array h = Mx.quantizedMatmul(x.astype(DType.FLOAT16), mx.get(0), mx.get(1), null, true, 32, 4, "mxfp4");
        assertThat(h.dtype()).as("float modes keep x's dtype").isEqualTo(DType.FLOAT16);
    }

    @ParameterizedTest
    @MethodSource("formats")
    void gradientWithRespectToXIsTheTransposedProduct(Q f) {
        Random rng = new Random(77 + f.hashCode());
        int k = f.groupSize(), n = 8, m = 3;
        for (boolean transpose : new boolean[] {true, false}) {
            int rows = transpose ? n : k, cols = transpose ? k : f.groupSize();
            int nOut = transpose ? n : cols;
            List<Array> q = f.quantize(normal(rng, rows, cols));
            float[] dense = f.dense(q).toFloatArray();
            Array x = normal(rng, m, k), c = normal(rng, m, nOut);
            Array g = Mx.grad(xx -> Mx.sum(Mx.multiply(f.product(xx, q, transpose), c))).apply(x);
            // d/dx sum(c * (x W')) = c W'^T
            float[] cv = c.toFloatArray();
            double[] expected = new double[m * k];
            for (int i = 0; i < m; i++) for (int kk = 0; kk < k; kk++) {
                double s = 0;
                for (int j = 0; j < nOut; j++) s += cv[i * nOut + j] * (transpose ? dense[j * cols + kk] : dense[kk * cols + j]);
                expected[i * k + kk] = s;
            }
            assertThat(g.shape()).containsExactly(m, k);
            close(g.toFloatArray(), expected, 4.0 * nOut);
        }
    }

    @Test
    void gradientWithRespectToScalesAndBiases() {
        Random rng = new Random(11);
        int gs = 32, k = 64, n = 6, m = 3;
        for (boolean transpose : new boolean[] {true, false}) {
            int rows = transpose ? n : k, cols = transpose ? k : gs * 2;
            int nOut = transpose ? n : cols;
            List<Array> q = Mx.quantize(normal(rng, rows, cols), gs, 4);
            Array codes = Mx.dequantize(q.get(0), Mx.onesLike(q.get(1)), Mx.zerosLike(q.get(2)), gs, 4);
            float[] cq = codes.toFloatArray();
            Array x = normal(rng, 2, m, k), c = normal(rng, 2, m, nOut);
            Fn loss = a -> List.of(Mx.sum(Mx.multiply(Mx.quantizedMatmul(x, q.get(0), a.get(0), a.get(1), transpose, gs, 4), c)));
            List<Array> grads = Mx.grad(loss, 0, 1).apply(List.of(q.get(1), q.get(2)));
            // dense gradient G[r][col] = sum over batch and m of c * x, then per group: sum(G * code) and sum(G)
            float[] xv = x.toFloatArray(), cv = c.toFloatArray();
            double[] dS = new double[rows * cols / gs], dB = new double[rows * cols / gs];
            for (int r = 0; r < rows; r++) for (int col = 0; col < cols; col++) {
                double gsum = 0;
                for (int b = 0; b < 2; b++) for (int i = 0; i < m; i++) {
                    gsum += transpose ? cv[(b * m + i) * nOut + r] * xv[(b * m + i) * k + col]
                            : xv[(b * m + i) * k + r] * cv[(b * m + i) * nOut + col];
                }
                dS[(r * cols + col) / gs] += gsum * cq[r * cols + col];
                dB[(r * cols + col) / gs] += gsum;
            }
            close(grads.get(0).toFloatArray(), dS, 200);
            close(grads.get(1).toFloatArray(), dB, 20);
        }
    }

    @Test
    void jvpMatchesCentralDifferencesAndTheVjp() {
        Random rng = new Random(3);
        int gs = 64, k = 128, n = 5;
        List<Array> q = Mx.quantize(normal(rng, n, k), gs, 4);
        Fn f = a -> List.of(Mx.quantizedMatmul(a.get(0), q.get(0), a.get(1), a.get(2), true, gs, 4));
        List<Array> primals = List.of(normal(rng, 2, k), q.get(1), q.get(2));
        List<Array> tangents = List.of(normal(rng, 2, k), normal(rng, n, 2), normal(rng, n, 2));
        JvpResult r = Mx.jvp(f, primals, tangents);
        // the product is linear in x and in (scales, biases) jointly: a step of 1 differences exactly up to rounding
        Fn x = a -> f.apply(List.of(a.get(0), primals.get(1), primals.get(2)));
        Fn sb = a -> f.apply(List.of(primals.get(0), a.get(0), a.get(1)));
        Array dx = Mx.divide(Mx.subtract(x.apply(List.of(Mx.add(primals.get(0), tangents.get(0)))).get(0),
                x.apply(List.of(Mx.subtract(primals.get(0), tangents.get(0)))).get(0)), 2.0);
        Array dsb = Mx.subtract(sb.apply(List.of(Mx.add(primals.get(1), tangents.get(1)), Mx.add(primals.get(2), tangents.get(2)))).get(0),
                f.apply(primals).get(0));
        float[] jvp = r.jvps().get(0).toFloatArray(), a = dx.toFloatArray(), b = dsb.toFloatArray();
        double[] expected = new double[jvp.length];
        for (int i = 0; i < jvp.length; i++) expected[i] = (double) a[i] + b[i];
        close(jvp, expected, 400);
        // <v, J u> == <J^T v, u>
        Array v = normal(rng, 2, n);
        VjpResult back = Mx.vjp(f, primals, List.of(v));
        double vJu = dot(v, r.jvps().get(0)), jTvU = 0;
        for (int i = 0; i < 3; i++) jTvU += dot(back.vjps().get(i), tangents.get(i));
        assertThat(vJu).isCloseTo(jTvU, org.assertj.core.api.Assertions.within(1e-3 * (Math.abs(vJu) + 1)));
    }

    private static double dot(Array a, Array b) {
        float[] x = a.toFloatArray(), y = b.toFloatArray();
        double s = 0;
        for (int i = 0; i < x.length; i++) s += (double) x[i] * y[i];
        return s;
    }

    @ParameterizedTest
    @MethodSource("formats")
    void vmapMatchesALoop(Q f) {
        Random rng = new Random(9 + f.hashCode());
        int k = f.groupSize(), n = 8, batch = 3;
        List<Array> shared = f.quantize(normal(rng, n, k));
        Array xs = normal(rng, batch, k);
        // x mapped, one matrix
        Fn overX = a -> List.of(f.product(a.get(0), shared, true));
        Array mapped = Mx.vmap(overX, new int[] {0}, new int[] {0}).apply(List.of(xs)).get(0);
        // every operand mapped
        List<Array> many = f.quantize(normal(rng, batch, n, k));
        List<Array> args = new ArrayList<>(many);
        args.add(0, xs);
        Fn all = a -> List.of(Mx.quantizedMatmul(a.get(0), a.get(1), a.get(2), a.size() > 3 ? a.get(3) : null, true,
                f.groupSize(), f.bits(), f.mode()));
        int[] inAxes = new int[args.size()];
        Array mappedAll = Mx.vmap(all, inAxes, new int[] {0}).apply(args).get(0);
        // x unmapped, matrices mapped
        int[] wOnly = new int[args.size()];
        wOnly[0] = Mx.UNMAPPED;
        List<Array> args2 = new ArrayList<>(args);
        args2.set(0, Mx.take(xs, Mx.array(0), 0));
        Array mappedW = Mx.vmap(all, wOnly, new int[] {0}).apply(args2).get(0);
        assertThat(mapped.shape()).containsExactly(batch, n);
        assertThat(mappedAll.shape()).containsExactly(batch, n);
        assertThat(mappedW.shape()).containsExactly(batch, n);
        for (int b = 0; b < batch; b++) {
            Array idx = Mx.array(b);
            Array xb = Mx.take(xs, idx, 0);
            List<Array> qb = new ArrayList<>();
            for (Array a : many) qb.add(Mx.take(a, idx, 0));
            assertThat(Mx.take(mapped, idx, 0).toFloatArray()).containsExactly(f.product(xb, shared, true).toFloatArray());
            assertThat(Mx.take(mappedAll, idx, 0).toFloatArray()).containsExactly(f.product(xb, qb, true).toFloatArray());
            assertThat(Mx.take(mappedW, idx, 0).toFloatArray()).containsExactly(f.product(args2.get(0), qb, true).toFloatArray());
        }
    }

    @Test
    void quantizeAndDequantizeUnderVmapAndGrad() {
        Random rng = new Random(21);
        Array ws = normal(rng, 3, 4, 64);
        Fn q = a -> Mx.quantize(a.get(0), 64, 3);
        List<Array> mapped = Mx.vmap(q, new int[] {0}, new int[] {0, 0, 0}).apply(List.of(ws));
        List<Array> direct = Mx.quantize(ws, 64, 3);
        for (int i = 0; i < 3; i++) assertThat(mapped.get(i).toDoubleArray()).containsExactly(direct.get(i).toDoubleArray());
        // dequantize is scale * code + bias: its gradient with respect to the biases counts each group's values
        Array g = Mx.grad(b -> Mx.sum(Mx.dequantize(direct.get(0), direct.get(1), b, 64, 3))).apply(direct.get(2));
        assertThat(g.toFloatArray()).containsOnly(64f);
    }

    @Test
    void gatherQmmMatchesGatheringByHand() {
        Random rng = new Random(13);
        int experts = 4, n = 8, k = 64;
        List<Array> q = Mx.quantize(normal(rng, experts, n, k), 64, 4);
        Array x = normal(rng, 5, 1, k);
        Array lhs = Mx.array(new int[] {0, 1, 2, 3, 4, 4}, 6), rhs = Mx.array(new int[] {3, 0, 0, 2, 1, 3}, 6);
        Array y = Mx.gatherQmm(x, q.get(0), q.get(1), q.get(2), lhs, rhs, true, 64, 4);
        assertThat(y.shape()).containsExactly(6, 1, n);
        int[] li = lhs.toIntArray(), ri = rhs.toIntArray();
        for (int i = 0; i < 6; i++) {
            Array e = Mx.array(ri[i]);
            Array expected = Mx.quantizedMatmul(Mx.take(x, Mx.array(li[i]), 0), Mx.take(q.get(0), e, 0), Mx.take(q.get(1), e, 0),
                    Mx.take(q.get(2), e, 0), true, 64, 4);
            assertThat(Mx.take(y, Mx.array(i), 0).toFloatArray()).containsExactly(expected.toFloatArray());
        }
        Array onlyRhs = Mx.gatherQmm(Mx.take(x, Mx.array(0), 0), q.get(0), q.get(1), q.get(2), null, Mx.array(new int[] {2, 2}, 2),
                true, 64, 4, "affine", true);
        assertThat(onlyRhs.shape()).containsExactly(2, 1, n);
        Array gx = Mx.grad(xx -> Mx.sum(Mx.gatherQmm(xx, q.get(0), q.get(1), q.get(2), lhs, rhs, true, 64, 4))).apply(x);
        assertThat(gx.shape()).containsExactly(5, 1, k);
    }

    @Test
    void badInputIsRejectedWithTheOperationAndWhatIsValid() {
        Random rng = new Random(1);
        Array w = normal(rng, 4, 64);
        List<Array> q = Mx.quantize(w, 64, 4);
        assertThatThrownBy(() -> Mx.quantize(w, 64, 7)).hasMessageContaining("quantize").hasMessageContaining("2, 3, 4, 5, 6 and 8");
        assertThatThrownBy(() -> Mx.quantize(w, 48, 4)).hasMessageContaining("group size 48").hasMessageContaining("32, 64 and 128");
        assertThatThrownBy(() -> Mx.quantize(w, 64, 4, "int4")).hasMessageContaining("affine, mxfp4, nvfp4 and mxfp8");
        assertThatThrownBy(() -> Mx.quantize(w, 64, 4, "mxfp4")).hasMessageContaining("mxfp4 quantization requires group size 32");
        assertThatThrownBy(() -> Mx.quantize(normal(rng, 64), 64, 4)).hasMessageContaining("at least 2 dimensions");
        assertThatThrownBy(() -> Mx.quantize(normal(rng, 2, 96), 64, 4)).hasMessageContaining("multiple of the group size 64");
        assertThatThrownBy(() -> Mx.quantize(Mx.ones(new int[] {2, 64}, DType.INT32), 64, 4)).hasMessageContaining("int32");
        assertThatThrownBy(() -> Mx.dequantize(q.get(0), q.get(1), null, 64, 4)).hasMessageContaining("biases must be given");
        assertThatThrownBy(() -> Mx.dequantize(q.get(0), q.get(1), q.get(2), 32, 4)).hasMessageContaining("do not match");
        assertThatThrownBy(() -> Mx.dequantize(q.get(1), q.get(1), q.get(2), 64, 4)).hasMessageContaining("uint32");
        assertThatThrownBy(() -> Mx.quantizedMatmul(normal(rng, 2, 32), q.get(0), q.get(1), q.get(2), true, 64, 4))
                .hasMessageContaining("quantizedMatmul").hasMessageContaining("(2, 32)").hasMessageContaining("must be 64");
        assertThatThrownBy(() -> Mx.quantizedMatmul(normal(rng, 2, 64).astype(DType.FLOAT64), q.get(0), q.get(1), q.get(2), true, 64, 4))
                .hasMessageContaining("float64");
        assertThatThrownBy(() -> Mx.quantizedMatmul(normal(rng, 2, 64), q.get(0), q.get(1), q.get(2), true, 64, 4, "mxfp4"))
                .hasMessageContaining("mxfp4");
        List<Array> mx = Mx.quantize(w, 32, 4, "mxfp4");
        assertThatThrownBy(() -> Mx.quantizedMatmul(normal(rng, 2, 64), mx.get(0), mx.get(1), q.get(2), true, 32, 4, "mxfp4"))
                .hasMessageContaining("biases must be null");
        assertThatThrownBy(() -> Mx.toFp8(Mx.array(new int[] {1}, 1))).hasMessageContaining("toFp8");
        assertThatThrownBy(() -> Mx.fromFp8(Mx.array(new float[] {1}, 1), DType.FLOAT32)).hasMessageContaining("uint8");
        assertThatThrownBy(() -> Mx.gatherQmm(normal(rng, 2, 64), q.get(0), q.get(1), q.get(2), Mx.array(new float[] {0}, 1), null, true, 64, 4))
                .hasMessageContaining("indices must be integers");
    }
}
