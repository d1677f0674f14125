package org.mlx4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlx4j.nn.Ref.assertClose;
import static org.mlx4j.nn.Ref.f32;
import static org.mlx4j.nn.Ref.uniform;

import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;
import org.mlx4j.utils.Tree;

class LayersTest {

    @Test
    void linearIsXTimesWTransposedPlusB() {
        int n = 3, in = 5, out = 4;
        double[] x = uniform(1, n * in), w = uniform(2, out * in), b = uniform(3, out);
        Linear l = new Linear(in, out, true);
        assertThat(Tree.flatten(l.parameters()).get("weight").shape()).containsExactly(out, in);
        l.update(Map.of("weight", f32(w, out, in), "bias", f32(b, out)));
        double[] ref = new double[n * out];
        for (int i = 0; i < n; i++) for (int o = 0; o < out; o++) {
            double s = b[o];
            for (int k = 0; k < in; k++) s += x[i * in + k] * w[o * in + k];
            ref[i * out + o] = s;
        }
        assertClose(l.forward(f32(x, n, in)), ref, new int[] {n, out}, DType.FLOAT32, 1e-5);
        assertThat(new Linear(3, 2, false).has("bias")).isFalse();
        assertThatThrownBy(() -> new Linear(0, 2, true)).hasMessageContaining("inDims");
    }

    @Test
    void linearInitialisationIsUniformWithinOneOverSqrtIn() {
        Linear l = new Linear(64, 128, true);
        double limit = Math.sqrt(1.0 / 64);
        double[] w = Tree.flatten(l.parameters()).get("weight").toDoubleArray();
        assertThat(java.util.Arrays.stream(w).allMatch(v -> Math.abs(v) <= limit)).isTrue();
        double mean = java.util.Arrays.stream(w).map(Math::abs).average().orElseThrow();
        assertThat(mean).isCloseTo(limit / 2, Offset.offset(limit * 0.05));
    }

    @Test
    void bilinearMatchesTheDoubleSum() {
        int n = 2, in1 = 3, in2 = 4, out = 5;
        double[] x1 = uniform(4, n * in1), x2 = uniform(5, n * in2), w = uniform(6, out * in2 * in1), b = uniform(7, out);
        Bilinear bl = new Bilinear(in1, in2, out, true);
        bl.update(Map.of("weight", f32(w, out, in2, in1), "bias", f32(b, out)));
        double[] ref = new double[n * out];
        for (int s = 0; s < n; s++) for (int o = 0; o < out; o++) {
            double acc = b[o];
            for (int i = 0; i < in1; i++) for (int j = 0; j < in2; j++) {
                acc += x1[s * in1 + i] * w[(o * in2 + j) * in1 + i] * x2[s * in2 + j];
            }
            ref[s * out + o] = acc;
        }
        assertClose(bl.forward(f32(x1, n, in1), f32(x2, n, in2)), ref, new int[] {n, out}, DType.FLOAT32, 1e-5);
        assertThatThrownBy(() -> bl.forward(f32(x1, n, in1), f32(x1, n, in1))).hasMessageContaining("Bilinear");
    }

    @Test
    void embeddingLooksUpRowsAndTiesAsALinear() {
        Embedding e = new Embedding(6, 3);
        double[] w = uniform(8, 18);
        e.update(Map.of("weight", f32(w, 6, 3)));
        Array out = e.forward(Mx.array(new int[] {5, 0, 2, 2}, 2, 2));
        double[] ref = new double[12];
        int[] idx = {5, 0, 2, 2};
        for (int i = 0; i < 4; i++) System.arraycopy(w, idx[i] * 3, ref, i * 3, 3);
        assertClose(out, ref, new int[] {2, 2, 3}, DType.FLOAT32, 1e-7);
        double[] x = uniform(9, 3);
        double[] lin = new double[6];
        for (int r = 0; r < 6; r++) for (int k = 0; k < 3; k++) lin[r] += x[k] * w[r * 3 + k];
        assertClose(e.asLinear(f32(x, 1, 3)), lin, new int[] {1, 6}, DType.FLOAT32, 1e-5);
        assertThatThrownBy(() -> e.forward(f32(x, 3))).hasMessageContaining("integers");
    }

    private static double[] standardize(double[] x, int groups, int groupLen, java.util.function.IntBinaryOperator index, double eps) {
        double[] y = new double[x.length];
        for (int g = 0; g < groups; g++) {
            double mean = 0, var = 0;
            for (int i = 0; i < groupLen; i++) mean += x[index.applyAsInt(g, i)];
            mean /= groupLen;
            for (int i = 0; i < groupLen; i++) var += Math.pow(x[index.applyAsInt(g, i)] - mean, 2);
            var /= groupLen;
            for (int i = 0; i < groupLen; i++) {
                int at = index.applyAsInt(g, i);
                y[at] = (x[at] - mean) / Math.sqrt(var + eps);
            }
        }
        return y;
    }

    @Test
    void layerNormAndRmsNormNormaliseTheLastAxis() {
        int rows = 6, d = 8;
        double[] x = uniform(10, rows * d), w = uniform(11, d), b = uniform(12, d);
        LayerNorm ln = new LayerNorm(d, 1e-5, true);
        ln.update(Map.of("weight", f32(w, d), "bias", f32(b, d)));
        double[] ref = standardize(x, rows, d, (g, i) -> g * d + i, 1e-5);
        for (int i = 0; i < ref.length; i++) ref[i] = ref[i] * w[i % d] + b[i % d];
        assertClose(ln.forward(f32(x, 2, 3, d)), ref, new int[] {2, 3, d}, DType.FLOAT32, 1e-4);
        assertThat(new LayerNorm(d, 1e-5, false).parameters()).isEmpty();

        RMSNorm rms = new RMSNorm(d, 1e-6);
        rms.update(Map.of("weight", f32(w, d)));
        double[] rref = new double[x.length];
        for (int r = 0; r < rows; r++) {
            double ms = 0;
            for (int i = 0; i < d; i++) ms += x[r * d + i] * x[r * d + i];
            ms /= d;
            for (int i = 0; i < d; i++) rref[r * d + i] = x[r * d + i] / Math.sqrt(ms + 1e-6) * w[i];
        }
        assertClose(rms.forward(f32(x, rows, d)), rref, new int[] {rows, d}, DType.FLOAT32, 1e-4);
    }

    @Test
    void groupNormGroupsChannelsStridedAsMlxOrInBlocksAsPytorch() {
        int n = 2, positions = 5, c = 6, groups = 3, per = c / groups;
        double[] x = uniform(13, n * positions * c);
        Array in = f32(x, n, positions, c);
        double[] mlx = standardize(x, n * groups, positions * per,
                (g, i) -> (g / groups) * positions * c + (i / per) * c + (i % per) * groups + g % groups, 1e-5);
        assertClose(new GroupNorm(groups, c).forward(in), mlx, new int[] {n, positions, c}, DType.FLOAT32, 1e-4);
        double[] torch = standardize(x, n * groups, positions * per,
                (g, i) -> (g / groups) * positions * c + (i / per) * c + (g % groups) * per + i % per, 1e-5);
        assertClose(new GroupNorm(groups, c, 1e-5, true, true).forward(in), torch, new int[] {n, positions, c}, DType.FLOAT32, 1e-4);
        assertThatThrownBy(() -> new GroupNorm(4, 6)).hasMessageContaining("divide");
    }

    @Test
    void batchNormUsesBatchStatisticsWhileTrainingAndRunningOnesInEval() {
        int n = 4, h = 3, c = 5;
        double[] x = uniform(14, n * h * c);
        BatchNorm bn = new BatchNorm(c);
        assertThat(Tree.flatten(bn.parameters()).keySet()).containsExactly("weight", "bias", "running_mean", "running_var");
        assertThat(bn.trainableParameters().keySet()).containsExactly("weight", "bias");
        bn.unfreeze();
        assertThat(bn.trainableParameters().keySet()).containsExactly("weight", "bias");
        double[] ref = standardize(x, c, n * h, (g, i) -> i * c + g, 1e-5);
        assertClose(bn.forward(f32(x, n, h, c)), ref, new int[] {n, h, c}, DType.FLOAT32, 1e-4);
        double[] mean = new double[c], var = new double[c];
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < n * h; i++) mean[ch] += x[i * c + ch] / (n * h);
            for (int i = 0; i < n * h; i++) var[ch] += Math.pow(x[i * c + ch] - mean[ch], 2) / (n * h);
        }
        double[] rm = new double[c], rv = new double[c];
        for (int ch = 0; ch < c; ch++) {
            rm[ch] = 0.1 * mean[ch];
            rv[ch] = 0.9 + 0.1 * var[ch];
        }
        Map<String, Array> p = Tree.flatten(bn.parameters());
        assertClose(p.get("running_mean"), rm, new int[] {c}, DType.FLOAT32, 1e-5);
        assertClose(p.get("running_var"), rv, new int[] {c}, DType.FLOAT32, 1e-5);
        bn.eval();
        double[] evalRef = new double[x.length];
        for (int i = 0; i < x.length; i++) evalRef[i] = (x[i] - rm[i % c]) / Math.sqrt(rv[i % c] + 1e-5);
        assertClose(bn.forward(f32(x, n, h, c)), evalRef, new int[] {n, h, c}, DType.FLOAT32, 1e-4);
        assertThatThrownBy(() -> bn.forward(f32(x, 60))).hasMessageContaining("BatchNorm");
    }

    @Test
    void instanceNormNormalisesEachSampleAndChannelOverSpace() {
        int n = 2, l = 7, c = 3;
        double[] x = uniform(15, n * l * c);
        double[] ref = standardize(x, n * c, l, (g, i) -> (g / c) * l * c + i * c + g % c, 1e-5);
        assertClose(new InstanceNorm(c).forward(f32(x, n, l, c)), ref, new int[] {n, l, c}, DType.FLOAT32, 1e-4);
    }

    @Test
    void dropoutZeroesAFractionAndRescalesOnlyWhileTraining() {
        Array ones = Mx.ones(new int[] {200_000}, DType.FLOAT32);
        Dropout d = new Dropout(0.25);
        Random.seed(3);
        float[] y = d.forward(ones).toFloatArray();
        long zeros = 0;
        for (float v : y) {
            if (v == 0) zeros++;
            else assertThat(v).isCloseTo(1 / 0.75f, Offset.offset(1e-6f));
        }
        assertThat(zeros / 200_000.0).isCloseTo(0.25, Offset.offset(0.01));
        d.eval();
        assertThat(d.forward(ones)).isSameAs(ones);
        assertThat(new Dropout(0).forward(ones)).isSameAs(ones);
        assertThatThrownBy(() -> new Dropout(1.0)).hasMessageContaining("[0, 1)");
    }

    @Test
    void channelDropoutDropsWholeChannels() {
        Array ones = Mx.ones(new int[] {2, 4, 4, 16}, DType.FLOAT32);
        float[] y = new Dropout2d(0.5).forward(ones).toFloatArray();
        for (int b = 0; b < 2; b++) for (int ch = 0; ch < 16; ch++) {
            float first = y[(b * 16) * 16 + ch];
            for (int pos = 0; pos < 16; pos++) assertThat(y[(b * 16 + pos) * 16 + ch]).isEqualTo(first);
        }
        float[] z = new Dropout3d(0.5).forward(Mx.ones(new int[] {2, 2, 2, 2, 8}, DType.FLOAT32)).toFloatArray();
        for (int b = 0; b < 2; b++) for (int ch = 0; ch < 8; ch++) {
            for (int pos = 0; pos < 8; pos++) assertThat(z[(b * 8 + pos) * 8 + ch]).isEqualTo(z[b * 64 + ch]);
        }
        assertThatThrownBy(() -> new Dropout2d().forward(Mx.ones(new int[] {4, 4}, DType.FLOAT32))).hasMessageContaining("Dropout2d");
    }

    @Test
    void layerGradientsMatchFiniteDifferences() {
        double[] x = uniform(20, 2 * 3 * 6);
        Linear lin = new Linear(6, 4, true);
        GradCheck.check(lin, lin::forward, f32(x, 6, 6), 22);
        LayerNorm ln = new LayerNorm(6);
        ln.update(Map.of("weight", f32(uniform(23, 6), 6), "bias", f32(uniform(24, 6), 6)));
        GradCheck.check(ln, ln::forward, f32(x, 2, 3, 6), 25);
        RMSNorm rms = new RMSNorm(6);
        GradCheck.check(rms, rms::forward, f32(x, 6, 6), 26);
        GroupNorm gn = new GroupNorm(3, 6);
        GradCheck.check(gn, gn::forward, f32(x, 2, 3, 6), 27);
        BatchNorm bn = new BatchNorm(6);
        GradCheck.check(bn, bn::forward, f32(x, 2, 3, 6), 28);
        Bilinear bl = new Bilinear(6, 6, 2, true);
        Array other = Ref.f64(uniform(29, 36), 6, 6);
        GradCheck.check(bl, in -> bl.forward(in, other), f32(x, 6, 6), 30);
        PReLU pr = new PReLU(6, 0.25);
        GradCheck.check(pr, pr::forward, f32(x, 6, 6), 31);
    }
}
