package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.TestArrays.*;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Convolution values, shapes and dtypes against the float64 definitions in {@link ConvReference}, on random inputs. */
class ConvOpsTest {

    private static int[] ints(Random rng, int d, int lo, int hi) {
        int[] r = new int[d];
        for (int i = 0; i < d; i++) r[i] = lo + rng.nextInt(hi - lo + 1);
        return r;
    }

    /** Values stored as float64 inputs for the reference, and tolerances scaled by the number of taps summed. */
    private static void checkGeneral(Random rng, DType t, int d, int[] stride, int[] lo, int[] hi, int[] kDil, int[] inDil,
                                     int groups, boolean flip) {
        int n = 1 + rng.nextInt(2), cg = 1 + rng.nextInt(3), og = 1 + rng.nextInt(3);
        int[] xs = new int[d + 2], ws = new int[d + 2];
        xs[0] = n;
        xs[d + 1] = cg * groups;
        ws[0] = og * groups;
        ws[d + 1] = cg;
        for (int i = 0; i < d; i++) {
            ws[i + 1] = 1 + rng.nextInt(3);
            int needed = (ws[i + 1] - 1) * kDil[i] + 1 - lo[i] - hi[i];
            int minIn = Math.max(1, (needed - 1 + inDil[i] - 1) / inDil[i] + 1);
            xs[i + 1] = minIn + rng.nextInt(4);
        }
        Sample x = sample(rng, t, -1, 1, xs), w = sample(rng, t, -1, 1, ws);
        Array y = Mx.convGeneral(x.array(), w.array(), stride, lo, hi, kDil, inDil, groups, flip);
        ConvReference.Tensor ref = ConvReference.general(x.values(), xs, w.values(), ws, stride, lo, hi, kDil, inDil, groups, flip);
        int taps = cg;
        for (int i = 0; i < d; i++) taps *= ws[i + 1];
        assertClose(y, t, ref.shape(), ref.values(), rtol(t) * taps, atol(t) * taps * 4);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64", "FLOAT16", "BFLOAT16"})
    void convGeneralMatchesTheDefinitionForRandomGeometries(DType t) {
        Random rng = new Random(11 + t.ordinal());
        for (int trial = 0; trial < 40; trial++) {
            int d = 1 + trial % 3;
            int groups = 1 + rng.nextInt(3);
            checkGeneral(rng, t, d, ints(rng, d, 1, 3), ints(rng, d, -1, 2), ints(rng, d, -1, 3), ints(rng, d, 1, 2),
                    ints(rng, d, 1, 3), groups, rng.nextBoolean());
        }
    }

    @Test
    void conv1d2d3dAreSymmetricallyPaddedCrossCorrelations() {
        Random rng = new Random(3);
        for (int d = 1; d <= 3; d++) {
            int groups = d == 2 ? 2 : 1;
            int[] xs = new int[d + 2], ws = new int[d + 2];
            xs[0] = 2;
            xs[d + 1] = 4;
            ws[0] = 6;
            ws[d + 1] = 4 / groups;
            for (int i = 0; i < d; i++) {
                xs[i + 1] = 5 + i;
                ws[i + 1] = 3;
            }
            Sample x = sample64(rng, -1, 1, xs), w = sample64(rng, -1, 1, ws);
            int[] stride = ints(rng, d, 1, 2), pad = ints(rng, d, 0, 2), dil = ints(rng, d, 1, 2);
            Array y = switch (d) {
                case 1 -> Mx.conv1d(x.array(), w.array(), stride[0], pad[0], dil[0], groups);
                case 2 -> Mx.conv2d(x.array(), w.array(), stride, pad, dil, groups);
                default -> Mx.conv3d(x.array(), w.array(), stride, pad, dil, groups);
            };
            ConvReference.Tensor ref = ConvReference.general(x.values(), xs, w.values(), ws, stride, pad, pad, dil,
                    Convolutions.ones(d), groups, false);
            assertClose(y, DType.FLOAT64, ref.shape(), ref.values());
        }
    }

    @Test
    void scalarArgumentsApplyToEverySpatialAxis() {
        Random rng = new Random(5);
        Sample x = sample(rng, DType.FLOAT32, -1, 1, 2, 9, 8, 3), w = sample(rng, DType.FLOAT32, -1, 1, 4, 3, 3, 3);
        Array a = Mx.conv2d(x.array(), w.array(), 2, 1, 2, 1);
        Array b = Mx.conv2d(x.array(), w.array(), new int[] {2, 2}, new int[] {1, 1}, new int[] {2, 2}, 1);
        assertClose(a, DType.FLOAT32, b.shape(), b.toDoubleArray(), 0, 0);
        Array v = Mx.conv2d(x.array(), w.array());
        assertShape(v, DType.FLOAT32, 2, 7, 6, 4);
    }

    @Test
    void transposedConvolutionsScatterEachInputThroughTheKernel() {
        Random rng = new Random(7);
        for (int trial = 0; trial < 24; trial++) {
            int d = 1 + trial % 3, groups = 1 + rng.nextInt(2);
            int[] xs = new int[d + 2], ws = new int[d + 2];
            xs[0] = 1 + rng.nextInt(2);
            xs[d + 1] = 2 * groups;
            ws[0] = (1 + rng.nextInt(2)) * groups;
            ws[d + 1] = 2;
            int[] stride = ints(rng, d, 1, 3), dil = ints(rng, d, 1, 2), pad = new int[d], outPad = new int[d];
            for (int i = 0; i < d; i++) {
                xs[i + 1] = 2 + rng.nextInt(3);
                ws[i + 1] = 1 + rng.nextInt(3);
                outPad[i] = rng.nextInt(stride[i]);
                int span = (xs[i + 1] - 1) * stride[i] + dil[i] * (ws[i + 1] - 1); // the full output's extent - 1
                pad[i] = Math.min(rng.nextInt(dil[i] * (ws[i + 1] - 1) + 1), span / 2);
            }
            Sample x = sample64(rng, -1, 1, xs), w = sample64(rng, -1, 1, ws);
            Array y = switch (d) {
                case 1 -> Mx.convTranspose1d(x.array(), w.array(), stride[0], pad[0], dil[0], outPad[0], groups);
                case 2 -> Mx.convTranspose2d(x.array(), w.array(), stride, pad, dil, outPad, groups);
                default -> Mx.convTranspose3d(x.array(), w.array(), stride, pad, dil, outPad, groups);
            };
            ConvReference.Tensor ref = ConvReference.transpose(x.values(), xs, w.values(), ws, stride, pad, dil, outPad, groups);
            assertClose(y, DType.FLOAT64, ref.shape(), ref.values());
        }
    }

    @Test
    void transposedConvolutionDefaultsGiveTheFullConvolution() {
        Random rng = new Random(8);
        Sample x = sample(rng, DType.FLOAT32, -1, 1, 2, 5, 3), w = sample(rng, DType.FLOAT32, -1, 1, 4, 3, 3);
        ConvReference.Tensor ref = ConvReference.transpose(x.values(), x.shape(), w.values(), w.shape(), new int[] {1},
                new int[] {0}, new int[] {1}, new int[] {0}, 1);
        assertClose(Mx.convTranspose1d(x.array(), w.array()), DType.FLOAT32, new int[] {2, 7, 4}, ref.values());
        Sample x2 = sample(rng, DType.FLOAT32, -1, 1, 1, 3, 4, 2), w2 = sample(rng, DType.FLOAT32, -1, 1, 3, 2, 2, 2);
        ConvReference.Tensor ref2 = ConvReference.transpose(x2.values(), x2.shape(), w2.values(), w2.shape(), new int[] {2, 2},
                new int[] {1, 1}, new int[] {1, 1}, new int[] {0, 0}, 1);
        assertClose(Mx.convTranspose2d(x2.array(), w2.array(), 2, 1, 1, 1), DType.FLOAT32, ref2.shape(), ref2.values());
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void convolveIsNumpysConvolve(DType t) {
        Random rng = new Random(9);
        for (String mode : new String[] {"full", "same", "valid"}) {
            for (int[] mn : new int[][] {{7, 3}, {6, 4}, {3, 8}, {5, 5}, {9, 1}, {1, 1}, {4, 7}}) {
                Sample a = sample(rng, t, -2, 2, mn[0]), v = sample(rng, t, -2, 2, mn[1]);
                double[] expected = ConvReference.convolve(a.values(), v.values(), mode);
                assertClose(Mx.convolve(a.array(), v.array(), mode), t, new int[] {expected.length}, expected,
                        rtol(t) * 8, atol(t) * 8);
            }
        }
        Sample a = sample(rng, t, -2, 2, 6), v = sample(rng, t, -2, 2, 3);
        double[] full = ConvReference.convolve(a.values(), v.values(), "full");
        assertClose(Mx.convolve(a.array(), v.array()), t, new int[] {8}, full, rtol(t) * 8, atol(t) * 8);
    }

    @Test
    void mixedDtypesPromoteAndHalfInputsStayHalf() {
        Random rng = new Random(4);
        Sample x = sample(rng, DType.FLOAT16, -1, 1, 1, 6, 2), w = sample(rng, DType.FLOAT32, -1, 1, 3, 2, 2);
        assertThat(Mx.conv1d(x.array(), w.array()).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(Mx.conv1d(x.array(), w.array().astype(DType.FLOAT16)).dtype()).isEqualTo(DType.FLOAT16);
        Sample b = sample(rng, DType.BFLOAT16, -1, 1, 1, 6, 2);
        assertThat(Mx.conv1d(b.array(), w.array().astype(DType.FLOAT64)).dtype()).isEqualTo(DType.FLOAT64);
    }

    @Test
    void largeConvolutionsSpanSeveralPatchBlocksAndThreads() {
        Random rng = new Random(12);
        // a 3x3 same convolution over enough rows that the patch matrix is built in blocks, in parallel
        int[] xs = {2, 40, 36, 16}, ws = {24, 3, 3, 16};
        Sample x = sample(rng, DType.FLOAT32, -1, 1, xs), w = sample(rng, DType.FLOAT32, -1, 1, ws);
        Array y = Mx.conv2d(x.array(), w.array(), 1, 1, 1, 1);
        ConvReference.Tensor ref = ConvReference.general(x.values(), xs, w.values(), ws, new int[] {1, 1}, new int[] {1, 1},
                new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1, false);
        assertClose(y, DType.FLOAT32, ref.shape(), ref.values(), 1e-4, 1e-4);
        // 1x1 convolutions multiply the input itself; with groups, each group's columns
        int[] xs1 = {3, 7, 5, 12}, ws1 = {8, 1, 1, 3};
        Sample x1 = sample64(rng, -1, 1, xs1), w1 = sample64(rng, -1, 1, ws1);
        ConvReference.Tensor ref1 = ConvReference.general(x1.values(), xs1, w1.values(), ws1, new int[] {1, 1}, new int[] {0, 0},
                new int[] {0, 0}, new int[] {1, 1}, new int[] {1, 1}, 4, false);
        assertClose(Mx.conv2d(x1.array(), w1.array(), 1, 0, 1, 4), DType.FLOAT64, ref1.shape(), ref1.values());
    }

    @Test
    void stridedOperandsAreRead() {
        Random rng = new Random(13);
        Sample x = sample64(rng, -1, 1, 3, 2, 7), w = sample64(rng, -1, 1, 3, 4, 2);
        Array view = Mx.swapAxes(x.array(), 1, 2); // [3, 7, 2], not row-major
        Array weightView = w.array().get("::-1"); // output channels reversed: a negative stride
        ConvReference.Tensor ref = ConvReference.general(view.toDoubleArray(), new int[] {3, 7, 2}, weightView.toDoubleArray(),
                new int[] {3, 4, 2}, new int[] {1}, new int[] {1}, new int[] {1}, new int[] {1}, new int[] {1}, 1, false);
        assertClose(Mx.conv1d(view, weightView, 1, 1, 1, 1), DType.FLOAT64, ref.shape(), ref.values());
    }

    @Test
    void compiledConvolutionsReplayTheSameGraph() {
        Random rng = new Random(14);
        Sample x = sample(rng, DType.FLOAT32, -1, 1, 2, 6, 6, 4), w = sample(rng, DType.FLOAT32, -1, 1, 4, 3, 3, 2);
        java.util.function.Function<Array, Array> f = a -> Mx.exp(Mx.conv2d(a, w.array(), 2, 1, 1, 2)).multiply(0.5);
        java.util.function.Function<Array, Array> compiled = Mx.compile(f);
        Array eager = f.apply(x.array());
        for (int call = 0; call < 2; call++) {
            assertClose(compiled.apply(x.array()), DType.FLOAT32, eager.shape(), eager.toDoubleArray(), 1e-6, 1e-6);
        }
    }

    @Test
    void gradientsKeepTheOperandDtypes() {
        Random rng = new Random(15);
        Sample x = sample(rng, DType.FLOAT16, -1, 1, 1, 5, 2), w = sample(rng, DType.FLOAT16, -1, 1, 3, 2, 2);
        java.util.List<Array> g = Mx.grad(a -> java.util.List.of(Mx.sum(Mx.conv1d(a.get(0), a.get(1)))), 0, 1)
                .apply(java.util.List.of(x.array(), w.array()));
        assertThat(g.get(0).dtype()).isEqualTo(DType.FLOAT16);
        assertThat(g.get(0).shape()).containsExactly(1, 5, 2);
        assertThat(g.get(1).dtype()).isEqualTo(DType.FLOAT16);
        assertThat(g.get(1).shape()).containsExactly(3, 2, 2);
        // d sum(conv) / dw[o, k, c] = sum over valid positions of x[l + k, c]
        double[] expected = new double[12];
        for (int o = 0; o < 3; o++) for (int k = 0; k < 2; k++) for (int c = 0; c < 2; c++) {
            double s = 0;
            for (int l = 0; l < 4; l++) s += x.values()[(l + k) * 2 + c];
            expected[(o * 2 + k) * 2 + c] = s;
        }
        assertClose(g.get(1), DType.FLOAT16, new int[] {3, 2, 2}, expected, 4e-3, 4e-3);
    }

    @Test
    void badArgumentsNameTheOpAndWhatIsValid() {
        Array x = Mx.zeros(new int[] {1, 5, 4}), w = Mx.zeros(new int[] {2, 3, 4});
        assertFailsWith(() -> Mx.conv2d(x, w), "conv2d", "4 dimensions", "(1, 5, 4)");
        assertFailsWith(() -> Mx.conv1d(x, Mx.zeros(new int[] {2, 3})), "conv1d", "weight", "3 dimensions");
        assertFailsWith(() -> Mx.conv1d(Mx.zeros(new int[] {1, 5, 4}, DType.INT32), w), "conv1d", "floating", "int32");
        assertFailsWith(() -> Mx.conv1d(x, w, 1, 0, 1, 3), "conv1d", "channels", "groups (3)");
        assertFailsWith(() -> Mx.conv1d(x, Mx.zeros(new int[] {3, 3, 2}), 1, 0, 1, 2), "conv1d", "output channels", "divisible");
        assertFailsWith(() -> Mx.conv1d(x, w, 0, 0, 1, 1), "conv1d", "stride", "at least 1");
        assertFailsWith(() -> Mx.conv1d(x, w, 1, -1, 1, 1), "conv1d", "padding", "negative");
        assertFailsWith(() -> Mx.conv1d(x, w, 1, 0, 3, 1), "conv1d", "smaller than the weight");
        assertFailsWith(() -> Mx.conv2d(Mx.zeros(new int[] {1, 5, 5, 4}), Mx.zeros(new int[] {2, 3, 3, 4}),
                new int[] {1, 1, 1}, new int[] {0}, new int[] {1}, 1), "conv2d", "stride", "1 or 2 values");
        assertFailsWith(() -> Mx.convGeneral(Mx.zeros(new int[] {5, 4}), w), "conv_general", "3 to 5 dimensions");
        assertFailsWith(() -> Mx.convTranspose1d(x, w, 1, 0, 1, -1, 1), "conv_transpose1d", "output_padding");
        assertFailsWith(() -> Mx.convolve(Mx.zeros(new int[] {2, 2}), Mx.zeros(new int[] {2})), "convolve", "1-d");
        assertFailsWith(() -> Mx.convolve(Mx.zeros(new int[] {3}), Mx.zeros(new int[] {2}), "middle"), "convolve", "mode");
        assertFailsWith(() -> Mx.convolve(Mx.zeros(new int[] {0}), Mx.zeros(new int[] {2})), "convolve", "empty");
    }
}
