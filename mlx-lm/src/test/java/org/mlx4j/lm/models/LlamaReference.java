package org.mlx4j.lm.models;

import java.util.Map;

/**
 * transformers' Llama forward pass written out in plain float64 loops, from the weights by their HF names: the
 * independent reference of the model tests. {@code periods[i]} is the RoPE period of feature pair {@code i}
 * (position {@code p} turns the pair by {@code p / periods[i]}).
 */
final class LlamaReference {
    private final Map<String, double[]> w;
    private final int hidden, heads, kvHeads, headDim, inter, vocab, layers;
    private final double eps;
    private final double[] periods;
    private final boolean tied;
    /** The extras of the Llama-like variants: q/k/v biases (Qwen2), per-head q/k norms (Qwen3). */
    private final boolean qkvBias, qkNorm;

    LlamaReference(Map<String, double[]> weights, int vocab, int hidden, int layers, int heads, int kvHeads, int headDim,
            int inter, double eps, double[] periods, boolean tied, boolean qkvBias, boolean qkNorm) {
        this.w = weights;
        this.vocab = vocab;
        this.hidden = hidden;
        this.layers = layers;
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.inter = inter;
        this.eps = eps;
        this.periods = periods;
        this.tied = tied;
        this.qkvBias = qkvBias;
        this.qkNorm = qkNorm;
    }

    /** RoPE periods {@code base^(2i / dims)}. */
    static double[] plainPeriods(int dims, double base) {
        double[] p = new double[dims / 2];
        for (int i = 0; i < p.length; i++) p[i] = Math.pow(base, 2.0 * i / dims);
        return p;
    }

    /** Logits {@code [L][vocab]} of one sequence. */
    double[][] logits(int[] ids) {
        int n = ids.length;
        double[][] x = new double[n][];
        double[] emb = w.get("model.embed_tokens.weight");
        for (int t = 0; t < n; t++) {
            x[t] = new double[hidden];
            System.arraycopy(emb, ids[t] * hidden, x[t], 0, hidden);
        }
        for (int l = 0; l < layers; l++) {
            String p = "model.layers." + l + ".";
            double[][] a = attention(norm(x, w.get(p + "input_layernorm.weight")), p + "self_attn.");
            for (int t = 0; t < n; t++) for (int i = 0; i < hidden; i++) x[t][i] += a[t][i];
            double[][] h = norm(x, w.get(p + "post_attention_layernorm.weight"));
            for (int t = 0; t < n; t++) {
                double[] g = linear(h[t], w.get(p + "mlp.gate_proj.weight"), null, inter);
                double[] u = linear(h[t], w.get(p + "mlp.up_proj.weight"), null, inter);
                for (int i = 0; i < inter; i++) g[i] = g[i] / (1 + Math.exp(-g[i])) * u[i];
                double[] d = linear(g, w.get(p + "mlp.down_proj.weight"), null, hidden);
                for (int i = 0; i < hidden; i++) x[t][i] += d[i];
            }
        }
        double[][] h = norm(x, w.get("model.norm.weight"));
        double[] head = tied ? emb : w.get("lm_head.weight");
        double[][] out = new double[n][];
        for (int t = 0; t < n; t++) out[t] = linear(h[t], head, null, vocab);
        return out;
    }

    private double[][] attention(double[][] x, String p) {
        int n = x.length;
        double[][] q = new double[n][], k = new double[n][], v = new double[n][];
        for (int t = 0; t < n; t++) {
            q[t] = linear(x[t], w.get(p + "q_proj.weight"), qkvBias ? w.get(p + "q_proj.bias") : null, heads * headDim);
            k[t] = linear(x[t], w.get(p + "k_proj.weight"), qkvBias ? w.get(p + "k_proj.bias") : null, kvHeads * headDim);
            v[t] = linear(x[t], w.get(p + "v_proj.weight"), qkvBias ? w.get(p + "v_proj.bias") : null, kvHeads * headDim);
            if (qkNorm) {
                headNorm(q[t], w.get(p + "q_norm.weight"));
                headNorm(k[t], w.get(p + "k_norm.weight"));
            }
            rope(q[t], t);
            rope(k[t], t);
        }
        int group = heads / kvHeads;
        double[][] out = new double[n][heads * headDim];
        for (int h = 0; h < heads; h++) {
            int kh = h / group;
            for (int t = 0; t < n; t++) {
                double[] s = new double[t + 1];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j <= t; j++) {
                    double dot = 0;
                    for (int d = 0; d < headDim; d++) dot += q[t][h * headDim + d] * k[j][kh * headDim + d];
                    s[j] = dot / Math.sqrt(headDim);
                    max = Math.max(max, s[j]);
                }
                double sum = 0;
                for (int j = 0; j <= t; j++) sum += s[j] = Math.exp(s[j] - max);
                for (int j = 0; j <= t; j++) {
                    for (int d = 0; d < headDim; d++) out[t][h * headDim + d] += s[j] / sum * v[j][kh * headDim + d];
                }
            }
        }
        double[][] o = new double[n][];
        for (int t = 0; t < n; t++) o[t] = linear(out[t], w.get(p + "o_proj.weight"), null, hidden);
        return o;
    }

    private void headNorm(double[] x, double[] weight) {
        for (int h = 0; h < x.length / headDim; h++) {
            double ss = 0;
            for (int d = 0; d < headDim; d++) ss += x[h * headDim + d] * x[h * headDim + d];
            double r = 1 / Math.sqrt(ss / headDim + eps);
            for (int d = 0; d < headDim; d++) x[h * headDim + d] *= r * weight[d];
        }
    }

    /** Non-traditional RoPE of every head in {@code x} at position {@code pos}: pairs {@code (i, i + D/2)}. */
    private void rope(double[] x, int pos) {
        int half = headDim / 2;
        for (int h = 0; h < x.length / headDim; h++) {
            for (int i = 0; i < half; i++) {
                double angle = pos / periods[i], c = Math.cos(angle), s = Math.sin(angle);
                double a = x[h * headDim + i], b = x[h * headDim + i + half];
                x[h * headDim + i] = a * c - b * s;
                x[h * headDim + i + half] = a * s + b * c;
            }
        }
    }

    private double[][] norm(double[][] x, double[] weight) {
        double[][] out = new double[x.length][hidden];
        for (int t = 0; t < x.length; t++) {
            double ss = 0;
            for (double v : x[t]) ss += v * v;
            double r = 1 / Math.sqrt(ss / hidden + eps);
            for (int i = 0; i < hidden; i++) out[t][i] = x[t][i] * r * weight[i];
        }
        return out;
    }

    /** {@code W x + b} with {@code W} {@code [out, in]} row-major. */
    static double[] linear(double[] x, double[] weight, double[] bias, int out) {
        int in = x.length;
        double[] y = new double[out];
        for (int o = 0; o < out; o++) {
            double s = bias == null ? 0 : bias[o];
            for (int i = 0; i < in; i++) s += weight[o * in + i] * x[i];
            y[o] = s;
        }
        return y;
    }
}
