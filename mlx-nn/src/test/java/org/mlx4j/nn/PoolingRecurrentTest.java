package org.mlx4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlx4j.nn.Ref.assertClose;
import static org.mlx4j.nn.Ref.f32;
import static org.mlx4j.nn.Ref.uniform;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.utils.Tree;

class PoolingRecurrentTest {

    /** 2-d pooling in float64 with explicit padding (-inf or 0) counted in the average, as MLX does. */
    static double[] pool2d(double[] x, int n, int h, int w, int c, int k, int s, int p, boolean max) {
        int oh = (h + 2 * p - k) / s + 1, ow = (w + 2 * p - k) / s + 1;
        double[] out = new double[n * oh * ow * c];
        for (int b = 0; b < n; b++) for (int i = 0; i < oh; i++) for (int j = 0; j < ow; j++) for (int ch = 0; ch < c; ch++) {
            double acc = max ? Double.NEGATIVE_INFINITY : 0;
            for (int di = 0; di < k; di++) for (int dj = 0; dj < k; dj++) {
                int y = i * s + di - p, xx = j * s + dj - p;
                double v = y < 0 || y >= h || xx < 0 || xx >= w ? (max ? Double.NEGATIVE_INFINITY : 0)
                        : x[((b * h + y) * w + xx) * c + ch];
                acc = max ? Math.max(acc, v) : acc + v / (k * k);
            }
            out[((b * oh + i) * ow + j) * c + ch] = acc;
        }
        return out;
    }

    @Test
    void twoDimensionalPoolingMatchesTheDoubleLoopsWithStrideAndPadding() {
        int n = 2, h = 7, w = 6, c = 3;
        double[] x = uniform(70, n * h * w * c);
        Array in = f32(x, n, h, w, c);
        for (int[] ksp : new int[][] {{2, 2, 0}, {3, 2, 1}, {3, 1, 1}}) {
            int k = ksp[0], s = ksp[1], p = ksp[2];
            int[] shape = {n, (h + 2 * p - k) / s + 1, (w + 2 * p - k) / s + 1, c};
            assertClose(new MaxPool2d(k, s, p).forward(in), pool2d(x, n, h, w, c, k, s, p, true), shape, DType.FLOAT32, 1e-6);
            assertClose(new AvgPool2d(k, s, p).forward(in), pool2d(x, n, h, w, c, k, s, p, false), shape, DType.FLOAT32, 1e-5);
        }
    }

    @Test
    void oneAndThreeDimensionalPoolingReduceTheirWindows() {
        double[] x = uniform(71, 2 * 8 * 2);
        double[] ref = new double[2 * 4 * 2];
        for (int b = 0; b < 2; b++) for (int i = 0; i < 4; i++) for (int ch = 0; ch < 2; ch++) {
            ref[(b * 4 + i) * 2 + ch] = Math.max(x[(b * 8 + 2 * i) * 2 + ch], x[(b * 8 + 2 * i + 1) * 2 + ch]);
        }
        assertClose(new MaxPool1d(2).forward(f32(x, 2, 8, 2)), ref, new int[] {2, 4, 2}, DType.FLOAT32, 1e-7);
        double[] v = uniform(72, 2 * 2 * 2);
        double mean = 0;
        for (double d : v) mean += d / 8;
        assertClose(new AvgPool3d(2).forward(f32(v, 1, 2, 2, 2, 1)), new double[] {mean}, new int[] {1, 1, 1, 1, 1}, DType.FLOAT32, 1e-6);
        assertThatThrownBy(() -> new MaxPool2d(0)).hasMessageContaining("kernel_size");
        assertThatThrownBy(() -> new MaxPool2d(2).forward(f32(x, 2, 8, 2))).hasMessageContaining("MaxPool2d");
    }

    private static double sig(double v) { return 1 / (1 + Math.exp(-v)); }

    /** {@code W v + b} for a row-major {@code [rows, cols]} W. */
    private static double[] affine(double[] w, double[] v, double[] b, int rows, int cols) {
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s = b == null ? 0 : b[r];
            for (int k = 0; k < cols; k++) s += w[r * cols + k] * v[k];
            out[r] = s;
        }
        return out;
    }

    @Test
    void recurrentLayersMatchTheirEquationsStepByStep() {
        int len = 4, d = 3, hs = 5;
        double[] x = uniform(73, len * d);
        Array in = f32(x, len, d);

        RNN rnn = new RNN(d, hs, true);
        Map<String, Array> p = Tree.flatten(rnn.parameters());
        assertThat(p.keySet()).containsExactly("Wxh", "Whh", "bias");
        double[] wxh = p.get("Wxh").toDoubleArray(), whh = p.get("Whh").toDoubleArray(), b = p.get("bias").toDoubleArray();
        double[] h = null, expected = new double[len * hs];
        for (int t = 0; t < len; t++) {
            double[] a = affine(wxh, java.util.Arrays.copyOfRange(x, t * d, t * d + d), b, hs, d);
            if (h != null) { double[] r = affine(whh, h, null, hs, hs); for (int i = 0; i < hs; i++) a[i] += r[i]; }
            h = new double[hs];
            for (int i = 0; i < hs; i++) h[i] = Math.tanh(a[i]);
            System.arraycopy(h, 0, expected, t * hs, hs);
        }
        assertClose(rnn.forward(in), expected, new int[] {len, hs}, DType.FLOAT32, 1e-5);

        GRU gru = new GRU(d, hs, true);
        p = Tree.flatten(gru.parameters());
        double[] wx = p.get("Wx").toDoubleArray(), wh = p.get("Wh").toDoubleArray(), gb = p.get("b").toDoubleArray(),
                bhn = p.get("bhn").toDoubleArray();
        h = new double[hs];
        for (int t = 0; t < len; t++) {
            double[] xa = affine(wx, java.util.Arrays.copyOfRange(x, t * d, t * d + d), gb, 3 * hs, d);
            double[] ha = affine(wh, h, null, 3 * hs, hs);
            double[] next = new double[hs];
            for (int i = 0; i < hs; i++) {
                double r = sig(xa[i] + ha[i]), z = sig(xa[hs + i] + ha[hs + i]);
                double nn = Math.tanh(xa[2 * hs + i] + r * (ha[2 * hs + i] + bhn[i]));
                next[i] = (1 - z) * nn + z * h[i];
            }
            h = next;
            System.arraycopy(h, 0, expected, t * hs, hs);
        }
        assertClose(gru.forward(in), expected, new int[] {len, hs}, DType.FLOAT32, 1e-5);

        LSTM lstm = new LSTM(d, hs, true);
        p = Tree.flatten(lstm.parameters());
        double[] lx = p.get("Wx").toDoubleArray(), lh = p.get("Wh").toDoubleArray(), lb = p.get("bias").toDoubleArray();
        h = new double[hs];
        double[] cell = new double[hs], expectedCell = new double[len * hs];
        for (int t = 0; t < len; t++) {
            double[] g = affine(lx, java.util.Arrays.copyOfRange(x, t * d, t * d + d), lb, 4 * hs, d);
            double[] r = affine(lh, h, null, 4 * hs, hs);
            for (int i = 0; i < 4 * hs; i++) g[i] += r[i];
            for (int i = 0; i < hs; i++) {
                cell[i] = sig(g[hs + i]) * cell[i] + sig(g[i]) * Math.tanh(g[2 * hs + i]);
                h[i] = sig(g[3 * hs + i]) * Math.tanh(cell[i]);
            }
            System.arraycopy(h, 0, expected, t * hs, hs);
            System.arraycopy(cell, 0, expectedCell, t * hs, hs);
        }
        List<Array> out = lstm.forward(in);
        assertClose(out.get(0), expected, new int[] {len, hs}, DType.FLOAT32, 1e-5);
        assertClose(out.get(1), expectedCell, new int[] {len, hs}, DType.FLOAT32, 1e-5);
        assertThat(lstm.forward(f32(uniform(74, 2 * len * d), 2, len, d)).get(0).shape()).containsExactly(2, len, hs);
        assertThatThrownBy(() -> gru.forward(f32(x, len * d))).hasMessageContaining("GRU");
    }

    @Test
    void recurrentAndPoolingGradientsMatchFiniteDifferences() {
        double[] x = uniform(75, 2 * 4 * 3);
        GRU gru = new GRU(3, 4, true);
        GradCheck.check(gru, gru::forward, f32(x, 2, 4, 3), 76);
        LSTM lstm = new LSTM(3, 4, true);
        GradCheck.check(lstm, in -> lstm.forward(in).get(0), f32(x, 2, 4, 3), 77);
        RNN rnn = new RNN(3, 4, true);
        GradCheck.check(rnn, rnn::forward, f32(x, 2, 4, 3), 78);
        AvgPool2d avg = new AvgPool2d(2, 1, 0);
        GradCheck.check(avg, avg::forward, f32(x, 2, 4, 3, 1), 79);
    }
}
