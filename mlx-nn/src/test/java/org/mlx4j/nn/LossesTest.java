package org.mlx4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlx4j.nn.Ref.assertClose;
import static org.mlx4j.nn.Ref.f64;
import static org.mlx4j.nn.Ref.uniform;

import java.util.function.IntToDoubleFunction;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

class LossesTest {
    private static final int B = 6, C = 5;

    private static double[] perExample(int n, IntToDoubleFunction f) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = f.applyAsDouble(i);
        return out;
    }

    private static double mean(double[] v) { return java.util.Arrays.stream(v).average().orElseThrow(); }

    private static double sum(double[] v) { return java.util.Arrays.stream(v).sum(); }

    /** Checks "none" against the per-example values and "mean"/"sum" against their reductions. */
    private static void checkReductions(java.util.function.Function<String, Array> loss, double[] perExample, int[] shape) {
        assertClose(loss.apply("none"), perExample, shape, DType.FLOAT64, 1e-10);
        assertThat(loss.apply("mean").doubleValue()).isCloseTo(mean(perExample), Offset.offset(1e-10));
        assertThat(loss.apply("sum").doubleValue()).isCloseTo(sum(perExample), Offset.offset(1e-9));
        assertThatThrownBy(() -> loss.apply("avg")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("avg");
    }

    private static double logSumExp(double[] logits, int row) {
        double max = Double.NEGATIVE_INFINITY, s = 0;
        for (int j = 0; j < C; j++) max = Math.max(max, logits[row * C + j]);
        for (int j = 0; j < C; j++) s += Math.exp(logits[row * C + j] - max);
        return max + Math.log(s);
    }

    @Test
    void crossEntropyWithIndicesProbabilitiesSmoothingAndWeights() {
        double[] logits = uniform(50, B * C);
        int[] targets = {0, 4, 2, 2, 1, 3};
        Array l = f64(logits, B, C), t = Mx.array(targets, B);
        double[] ref = perExample(B, i -> logSumExp(logits, i) - logits[i * C + targets[i]]);
        checkReductions(r -> Losses.crossEntropy(l, t, r), ref, new int[] {B});
        double[] probs = new double[B * C];
        for (int i = 0; i < B; i++) probs[i * C + targets[i]] = 1;
        assertClose(Losses.crossEntropy(l, f64(probs, B, C), "none"), ref, new int[] {B}, DType.FLOAT64, 1e-10);
        double ls = 0.1;
        double[] smooth = perExample(B, i -> {
            double meanLogit = 0;
            for (int j = 0; j < C; j++) meanLogit += logits[i * C + j] / C;
            return logSumExp(logits, i) - (1 - ls) * logits[i * C + targets[i]] - ls * meanLogit;
        });
        assertClose(Losses.crossEntropy(l, t, null, -1, ls, "none"), smooth, new int[] {B}, DType.FLOAT64, 1e-10);
        double[] w = uniform(51, B);
        assertClose(Losses.crossEntropy(l, t, f64(w, B), -1, 0, "none"), perExample(B, i -> ref[i] * w[i]), new int[] {B},
                DType.FLOAT64, 1e-10);
        assertThatThrownBy(() -> Losses.crossEntropy(l, t, null, -1, 1.0, "none")).hasMessageContaining("label smoothing");
        assertThatThrownBy(() -> Losses.crossEntropy(l, f64(probs, 3, 10), "none")).hasMessageContaining("[3, 10]");
    }

    @Test
    void binaryCrossEntropyOfLogitsAndOfProbabilities() {
        double[] x = uniform(52, B), t = perExample(B, i -> i % 2);
        double[] ref = perExample(B, i -> Math.log1p(Math.exp(x[i])) - x[i] * t[i]);
        checkReductions(r -> Losses.binaryCrossEntropy(f64(x, B), f64(t, B), r), ref, new int[] {B});
        double[] p = perExample(B, i -> 1 / (1 + Math.exp(-x[i])));
        assertClose(Losses.binaryCrossEntropy(f64(p, B), f64(t, B), null, false, "none"), ref, new int[] {B}, DType.FLOAT64, 1e-9);
        double[] clipped = Losses.binaryCrossEntropy(f64(new double[] {0.0, 1.0}, 2), f64(new double[] {1, 0}, 2), null, false, "none")
                .toDoubleArray();
        assertThat(clipped).containsExactly(100, 100);
    }

    @Test
    void regressionLosses() {
        double[] p = uniform(53, B * 2), t = uniform(54, B * 2);
        int n = B * 2;
        int[] shape = {B, 2};
        Array ap = f64(p, B, 2), at = f64(t, B, 2);
        checkReductions(r -> Losses.mseLoss(ap, at, r), perExample(n, i -> Math.pow(p[i] - t[i], 2)), shape);
        checkReductions(r -> Losses.l1Loss(ap, at, r), perExample(n, i -> Math.abs(p[i] - t[i])), shape);
        double beta = 0.4;
        checkReductions(r -> Losses.smoothL1Loss(ap, at, beta, r), perExample(n, i -> {
            double d = Math.abs(p[i] - t[i]);
            return d < beta ? 0.5 * d * d / beta : d - 0.5 * beta;
        }), shape);
        double delta = 0.5;
        checkReductions(r -> Losses.huberLoss(ap, at, delta, r), perExample(n, i -> {
            double d = Math.abs(p[i] - t[i]);
            return d <= delta ? 0.5 * d * d : delta * (d - 0.5 * delta);
        }), shape);
        checkReductions(r -> Losses.logCoshLoss(ap, at, r), perExample(n, i -> Math.log(Math.cosh(p[i] - t[i]))), shape);
        double[] vars = perExample(n, i -> 0.1 + Math.abs(p[i]));
        checkReductions(r -> Losses.gaussianNllLoss(ap, at, f64(vars, B, 2), true, 1e-6, r),
                perExample(n, i -> 0.5 * (Math.log(vars[i]) + Math.pow(t[i] - p[i], 2) / vars[i]) + 0.5 * Math.log(2 * Math.PI)), shape);
        assertThatThrownBy(() -> Losses.mseLoss(ap, f64(t, n), "mean")).hasMessageContaining("[12]");
    }

    @Test
    void classificationAndRankingLosses() {
        double[] logp = uniform(55, B * C);
        int[] targets = {1, 1, 0, 4, 3, 2};
        checkReductions(r -> Losses.nllLoss(f64(logp, B, C), Mx.array(targets, B), r),
                perExample(B, i -> -logp[i * C + targets[i]]), new int[] {B});
        double[] q = uniform(56, B * C);
        checkReductions(r -> Losses.klDivLoss(f64(logp, B, C), f64(q, B, C), r), perExample(B, i -> {
            double s = 0;
            for (int j = 0; j < C; j++) s += Math.exp(q[i * C + j]) * (q[i * C + j] - logp[i * C + j]);
            return s;
        }), new int[] {B});
        double[] x = uniform(57, B), y = perExample(B, i -> i % 2 == 0 ? 1 : -1), x2 = uniform(58, B);
        checkReductions(r -> Losses.hingeLoss(f64(x, B), f64(y, B), r), perExample(B, i -> Math.max(1 - x[i] * y[i], 0)), new int[] {B});
        checkReductions(r -> Losses.marginRankingLoss(f64(x, B), f64(x2, B), f64(y, B), 0.1, r),
                perExample(B, i -> Math.max(0, -y[i] * (x[i] - x2[i]) + 0.1)), new int[] {B});
        double[] a = uniform(59, B * C), pos = uniform(60, B * C), neg = uniform(61, B * C);
        checkReductions(r -> Losses.tripletLoss(f64(a, B, C), f64(pos, B, C), f64(neg, B, C), -1, 2, 1.0, 1e-6, r), perExample(B, i -> {
            double dp = 0, dn = 0;
            for (int j = 0; j < C; j++) {
                dp += Math.pow(a[i * C + j] - pos[i * C + j], 2);
                dn += Math.pow(a[i * C + j] - neg[i * C + j], 2);
            }
            return Math.max(Math.sqrt(dp + 1e-6) - Math.sqrt(dn + 1e-6) + 1.0, 0);
        }), new int[] {B});
        checkReductions(r -> Losses.cosineSimilarityLoss(f64(a, B, C), f64(pos, B, C), 1, 1e-8, r), perExample(B, i -> {
            double dot = 0, na = 0, np = 0;
            for (int j = 0; j < C; j++) {
                dot += a[i * C + j] * pos[i * C + j];
                na += a[i * C + j] * a[i * C + j];
                np += pos[i * C + j] * pos[i * C + j];
            }
            return dot / Math.max(Math.sqrt(na) * Math.sqrt(np), 1e-8);
        }), new int[] {B});
    }
}
