package org.mlx4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlx4j.nn.Ref.assertClose;
import static org.mlx4j.nn.Ref.f32;
import static org.mlx4j.nn.Ref.uniform;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.utils.Tree;

class AttentionTest {

    private static double[] project(double[] x, int rows, int in, double[] w, int out) {
        double[] y = new double[rows * out];
        for (int r = 0; r < rows; r++) for (int o = 0; o < out; o++) {
            double s = 0;
            for (int k = 0; k < in; k++) s += x[r * in + k] * w[o * in + k];
            y[r * out + o] = s;
        }
        return y;
    }

    @Test
    void multiHeadAttentionMatchesTheDoubleComputationWithACausalMask() {
        int b = 2, l = 4, d = 6, heads = 2, hd = d / heads;
        MultiHeadAttention mha = new MultiHeadAttention(d, heads);
        Map<String, Array> p = Tree.flatten(mha.parameters());
        assertThat(p.keySet()).containsExactly("query_proj.weight", "key_proj.weight", "value_proj.weight", "out_proj.weight");
        double[] x = uniform(80, b * l * d);
        double[] q = project(x, b * l, d, p.get("query_proj.weight").toDoubleArray(), d);
        double[] k = project(x, b * l, d, p.get("key_proj.weight").toDoubleArray(), d);
        double[] v = project(x, b * l, d, p.get("value_proj.weight").toDoubleArray(), d);
        double[] attended = new double[b * l * d];
        for (int n = 0; n < b; n++) for (int h = 0; h < heads; h++) for (int i = 0; i < l; i++) {
            double[] scores = new double[l];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < l; j++) {
                double s = 0;
                for (int e = 0; e < hd; e++) s += q[(n * l + i) * d + h * hd + e] * k[(n * l + j) * d + h * hd + e];
                scores[j] = s / Math.sqrt(hd) + (j > i ? -1e9 : 0);
                max = Math.max(max, scores[j]);
            }
            double sum = 0;
            for (int j = 0; j < l; j++) sum += scores[j] = Math.exp(scores[j] - max);
            for (int e = 0; e < hd; e++) {
                double acc = 0;
                for (int j = 0; j < l; j++) acc += scores[j] / sum * v[(n * l + j) * d + h * hd + e];
                attended[(n * l + i) * d + h * hd + e] = acc;
            }
        }
        double[] expected = project(attended, b * l, d, p.get("out_proj.weight").toDoubleArray(), d);
        Array in = f32(x, b, l, d);
        Array mask = MultiHeadAttention.createAdditiveCausalMask(l, DType.FLOAT32);
        assertClose(mask, new double[] {0, -1e9, -1e9, -1e9, 0, 0, -1e9, -1e9, 0, 0, 0, -1e9, 0, 0, 0, 0}, new int[] {l, l},
                DType.FLOAT32, 1e-7);
        assertClose(mha.forward(in, in, in, mask), expected, new int[] {b, l, d}, DType.FLOAT32, 1e-5);
        assertThatThrownBy(() -> new MultiHeadAttention(6, 4)).hasMessageContaining("multiple");
    }

    @Test
    void transformerBlocksKeepShapesNamesAndHaveFiniteDifferenceGradients() {
        Transformer t = new Transformer(8, 2, 2, 1, 16, 0.0, Activations::relu, true);
        assertThat(Tree.flatten(t.parameters()).keySet()).contains("encoder.layers.1.attention.query_proj.weight",
                "encoder.ln.weight", "decoder.layers.0.cross_attention.out_proj.weight", "decoder.layers.0.ln3.bias",
                "decoder.layers.0.linear2.bias");
        Array src = f32(uniform(81, 2 * 5 * 8), 2, 5, 8), tgt = f32(uniform(82, 2 * 3 * 8), 2, 3, 8);
        Array out = t.forward(src, tgt, null, MultiHeadAttention.createAdditiveCausalMask(3, DType.FLOAT32), null);
        assertThat(out.shape()).containsExactly(2, 3, 8);
        for (boolean normFirst : new boolean[] {false, true}) {
            TransformerEncoderLayer enc = new TransformerEncoderLayer(4, 2, 8, 0.0, Activations::gelu, normFirst);
            GradCheck.check(enc, x -> enc.forward(x, null), f32(uniform(83, 2 * 3 * 4), 2, 3, 4), 84);
            TransformerDecoderLayer dec = new TransformerDecoderLayer(4, 2, 8, 0.0, Activations::gelu, normFirst);
            Array memory = Ref.f64(uniform(85, 2 * 5 * 4), 2, 5, 4);
            GradCheck.check(dec, x -> dec.forward(x, memory, null, null), f32(uniform(86, 2 * 3 * 4), 2, 3, 4), 87);
        }
    }

    @Test
    void sinusoidalEncodingAndAlibiFollowTheirFormulas() {
        int dims = 8, half = 4;
        double[] pos = {0, 1, 2.5};
        double[] expected = new double[3 * dims];
        for (int i = 0; i < 3; i++) for (int f = 0; f < half; f++) {
            double sigma = Math.exp((1 - f / 3.0) * (Math.log(1) - Math.log(1e-4)) + Math.log(1e-4));
            expected[i * dims + f] = Math.sin(pos[i] * sigma) * Math.sqrt(2.0 / dims);
            expected[i * dims + half + f] = Math.cos(pos[i] * sigma) * Math.sqrt(2.0 / dims);
        }
        SinusoidalPositionalEncoding enc = new SinusoidalPositionalEncoding(dims);
        assertClose(enc.forward(f32(pos, 3)), expected, new int[] {3, dims}, DType.FLOAT32, 1e-6);
        assertThat(enc.parameters()).isEmpty();

        assertThat(ALiBi.slopes(8)).containsExactly(0.5, 0.25, 0.125, 0.0625, 0.03125, 0.015625, 0.0078125, 0.00390625);
        double[] six = ALiBi.slopes(6); // 4 from the power of two, then every other slope of 8 heads
        assertThat(six[4]).isEqualTo(Math.pow(2, -1.0 / 1));
        assertThat(six[5]).isEqualTo(Math.pow(2, -3.0));
        int heads = 2, l = 2, s = 3;
        Array scores = Mx.zeros(new int[] {1, heads, l, s}, DType.FLOAT32);
        double[] slopes = ALiBi.slopes(heads);
        double[] ref = new double[heads * l * s];
        for (int h = 0; h < heads; h++) for (int i = 0; i < l; i++) for (int j = 0; j < s; j++) {
            ref[(h * l + i) * s + j] = -slopes[h] * Math.abs(i + 1 - j);
        }
        assertClose(new ALiBi().forward(scores, 1, null), ref, new int[] {1, heads, l, s}, DType.FLOAT32, 1e-7);
    }
}
