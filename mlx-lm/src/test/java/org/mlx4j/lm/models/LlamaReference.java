package org.mlx4j.lm.models;

import java.util.Map;

/**
 * transformers' decoder forward passes (Llama and its relatives, Gemma 2) written out in plain float64 loops,
 * from the weights by their HF names: the independent reference of the model tests.
 */
final class LlamaReference {
    /**
     * The shape and the variant. {@code periods[i]} is the RoPE period of feature pair {@code i} (position
     * {@code p} turns the pair by {@code p / periods[i]}); {@code windows[l]} is layer {@code l}'s sliding window
     * (0: none); {@code gemma} switches to Gemma 2's embedding scale, {@code (1 + w)} norms, four norms per layer and
     * tanh-GELU; {@code attnScale} multiplies the scores; the soft caps are 0 when absent.
     */
    record Spec(int vocab, int hidden, int layers, int heads, int kvHeads, int headDim, int inter, double eps,
            double[] periods, boolean tied, boolean qkvBias, boolean qkNorm, int[] windows, boolean gemma,
            double attnScale, double attnSoftcap, double finalSoftcap) {
        static Spec llama(ModelConfig c, double[] periods) {
            return new Spec(c.vocabSize(), c.hiddenSize(), c.numHiddenLayers(), c.numAttentionHeads(), c.numKeyValueHeads(),
                    c.headDim(), c.intermediateSize(), c.rmsNormEps(), periods, c.tieWordEmbeddings(), false, false,
                    new int[c.numHiddenLayers()], false, 1 / Math.sqrt(c.headDim()), 0, 0);
        }

        Spec withQkvBias() { return new Spec(vocab, hidden, layers, heads, kvHeads, headDim, inter, eps, periods, tied, true, qkNorm, windows, gemma, attnScale, attnSoftcap, finalSoftcap); }

        Spec withQkNorm() { return new Spec(vocab, hidden, layers, heads, kvHeads, headDim, inter, eps, periods, tied, qkvBias, true, windows, gemma, attnScale, attnSoftcap, finalSoftcap); }

        Spec withWindows(int... w) { return new Spec(vocab, hidden, layers, heads, kvHeads, headDim, inter, eps, periods, tied, qkvBias, qkNorm, w, gemma, attnScale, attnSoftcap, finalSoftcap); }

        Spec withGemma(double scale, double attnCap, double finalCap) {
            return new Spec(vocab, hidden, layers, heads, kvHeads, headDim, inter, eps, periods, tied, qkvBias, qkNorm, windows, true, scale, attnCap, finalCap);
        }
    }

    private final Map<String, double[]> w;
    private final Spec s;

    LlamaReference(Map<String, double[]> weights, Spec spec) {
        this.w = weights;
        this.s = spec;
    }

    /** RoPE periods {@code base^(2i / dims)}. */
    static double[] plainPeriods(int dims, double base) {
        double[] p = new double[dims / 2];
        for (int i = 0; i < p.length; i++) p[i] = Math.pow(base, 2.0 * i / dims);
        return p;
    }

    /** Logits {@code [L][vocab]} of one sequence. */
    double[][] logits(int[] ids) {
        int n = ids.length, hidden = s.hidden;
        double[][] x = new double[n][];
        double[] emb = w.get("model.embed_tokens.weight");
        for (int t = 0; t < n; t++) {
            x[t] = new double[hidden];
            System.arraycopy(emb, ids[t] * hidden, x[t], 0, hidden);
            if (s.gemma) for (int i = 0; i < hidden; i++) x[t][i] *= Math.sqrt(hidden);
        }
        for (int l = 0; l < s.layers; l++) {
            String p = "model.layers." + l + ".";
            double[][] a = attention(norm(x, w.get(p + "input_layernorm.weight")), p + "self_attn.", s.windows[l]);
            if (s.gemma) a = norm(a, w.get(p + "post_attention_layernorm.weight"));
            for (int t = 0; t < n; t++) for (int i = 0; i < hidden; i++) x[t][i] += a[t][i];
            double[][] h = norm(x, w.get(p + (s.gemma ? "pre_feedforward_layernorm.weight" : "post_attention_layernorm.weight")));
            double[][] m = new double[n][];
            for (int t = 0; t < n; t++) {
                double[] g = linear(h[t], w.get(p + "mlp.gate_proj.weight"), null, s.inter);
                double[] u = linear(h[t], w.get(p + "mlp.up_proj.weight"), null, s.inter);
                for (int i = 0; i < s.inter; i++) g[i] = activation(g[i]) * u[i];
                m[t] = linear(g, w.get(p + "mlp.down_proj.weight"), null, hidden);
            }
            if (s.gemma) m = norm(m, w.get(p + "post_feedforward_layernorm.weight"));
            for (int t = 0; t < n; t++) for (int i = 0; i < hidden; i++) x[t][i] += m[t][i];
        }
        double[][] h = norm(x, w.get("model.norm.weight"));
        double[] head = s.tied ? emb : w.get("lm_head.weight");
        double[][] out = new double[n][];
        for (int t = 0; t < n; t++) {
            out[t] = linear(h[t], head, null, s.vocab);
            if (s.finalSoftcap > 0) for (int i = 0; i < s.vocab; i++) out[t][i] = s.finalSoftcap * Math.tanh(out[t][i] / s.finalSoftcap);
        }
        return out;
    }

    private double activation(double g) {
        if (!s.gemma) return g / (1 + Math.exp(-g));
        return 0.5 * g * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (g + 0.044715 * g * g * g)));
    }

    private double[][] attention(double[][] x, String p, int window) {
        int n = x.length, hd = s.headDim, heads = s.heads, kvHeads = s.kvHeads;
        double[][] q = new double[n][], k = new double[n][], v = new double[n][];
        for (int t = 0; t < n; t++) {
            q[t] = linear(x[t], w.get(p + "q_proj.weight"), s.qkvBias ? w.get(p + "q_proj.bias") : null, heads * hd);
            k[t] = linear(x[t], w.get(p + "k_proj.weight"), s.qkvBias ? w.get(p + "k_proj.bias") : null, kvHeads * hd);
            v[t] = linear(x[t], w.get(p + "v_proj.weight"), s.qkvBias ? w.get(p + "v_proj.bias") : null, kvHeads * hd);
            if (s.qkNorm) {
                headNorm(q[t], w.get(p + "q_norm.weight"));
                headNorm(k[t], w.get(p + "k_norm.weight"));
            }
            rope(q[t], t);
            rope(k[t], t);
        }
        int group = heads / kvHeads;
        double[][] out = new double[n][heads * hd];
        for (int h = 0; h < heads; h++) {
            int kh = h / group;
            for (int t = 0; t < n; t++) {
                int first = window > 0 ? Math.max(0, t - window + 1) : 0;
                double[] sc = new double[t + 1];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = first; j <= t; j++) {
                    double dot = 0;
                    for (int d = 0; d < hd; d++) dot += q[t][h * hd + d] * k[j][kh * hd + d];
                    sc[j] = dot * s.attnScale;
                    if (s.attnSoftcap > 0) sc[j] = s.attnSoftcap * Math.tanh(sc[j] / s.attnSoftcap);
                    max = Math.max(max, sc[j]);
                }
                double sum = 0;
                for (int j = first; j <= t; j++) sum += sc[j] = Math.exp(sc[j] - max);
                for (int j = first; j <= t; j++) {
                    for (int d = 0; d < hd; d++) out[t][h * hd + d] += sc[j] / sum * v[j][kh * hd + d];
                }
            }
        }
        double[][] o = new double[n][];
        for (int t = 0; t < n; t++) o[t] = linear(out[t], w.get(p + "o_proj.weight"), null, s.hidden);
        return o;
    }

    private void headNorm(double[] x, double[] weight) {
        int hd = s.headDim;
        for (int h = 0; h < x.length / hd; h++) {
            double ss = 0;
            for (int d = 0; d < hd; d++) ss += x[h * hd + d] * x[h * hd + d];
            double r = 1 / Math.sqrt(ss / hd + s.eps);
            for (int d = 0; d < hd; d++) x[h * hd + d] *= r * weight[d];
        }
    }

    /** Non-traditional RoPE of every head in {@code x} at position {@code pos}: pairs {@code (i, i + D/2)}. */
    private void rope(double[] x, int pos) {
        int hd = s.headDim, half = hd / 2;
        for (int h = 0; h < x.length / hd; h++) {
            for (int i = 0; i < half; i++) {
                double angle = pos / s.periods[i], c = Math.cos(angle), sn = Math.sin(angle);
                double a = x[h * hd + i], b = x[h * hd + i + half];
                x[h * hd + i] = a * c - b * sn;
                x[h * hd + i + half] = a * sn + b * c;
            }
        }
    }

    private double[][] norm(double[][] x, double[] weight) {
        int hidden = s.hidden;
        double[][] out = new double[x.length][hidden];
        for (int t = 0; t < x.length; t++) {
            double ss = 0;
            for (double v : x[t]) ss += v * v;
            double r = 1 / Math.sqrt(ss / hidden + s.eps);
            for (int i = 0; i < hidden; i++) out[t][i] = x[t][i] * r * (s.gemma ? 1 + weight[i] : weight[i]);
        }
        return out;
    }

    /** {@code W x + b} with {@code W} {@code [out, in]} row-major. */
    static double[] linear(double[] x, double[] weight, double[] bias, int out) {
        int in = x.length;
        double[] y = new double[out];
        for (int o = 0; o < out; o++) {
            double sum = bias == null ? 0 : bias[o];
            for (int i = 0; i < in; i++) sum += weight[o * in + i] * x[i];
            y[o] = sum;
        }
        return y;
    }
}
