package org.mlx4j.lm.models;

import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Fast;
import org.mlx4j.core.Mx;
import org.mlx4j.lm.cache.KVCache;
import org.mlx4j.nn.Linear;
import org.mlx4j.nn.Module;
import org.mlx4j.nn.RMSNorm;

/**
 * Multi-head self-attention with grouped key/value heads and RoPE, under transformers' names: {@code q_proj},
 * {@code k_proj}, {@code v_proj} (or one fused {@code qkv_proj}, Phi-3), {@code o_proj}, and
 * {@code q_norm}/{@code k_norm} when each head's queries and keys are normalised (Qwen3). Optional sliding window
 * (Mistral, Phi-3, Gemma 2's local layers) and logit soft-capping (Gemma 2).
 */
final class Attention extends Module {
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final double scale;
    private final double softcap;
    private final int window;
    private final RotaryEmbedding rope;
    private final Variant variant;

    /**
     * @param window the sliding window in positions, or 0 for none
     * @param scale multiplies the scores
     * @param softcap {@code c} of {@code c * tanh(scores / c)}, or 0 for none
     */
    Attention(ModelConfig c, Variant v, int window, double scale, double softcap) {
        heads = c.numAttentionHeads();
        kvHeads = c.numKeyValueHeads();
        headDim = c.headDim();
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("Attention: num_attention_heads (" + heads
                    + ") must be a multiple of num_key_value_heads (" + kvHeads + ")");
        }
        this.scale = scale;
        this.softcap = softcap;
        this.window = window;
        this.variant = v;
        rope = RotaryEmbedding.of(c, headDim, false);
        int hidden = c.hiddenSize();
        if (v.fusedQkv()) {
            register("qkv_proj", new Linear(hidden, (heads + 2 * kvHeads) * headDim, v.qkvBias()));
        } else {
            register("q_proj", new Linear(hidden, heads * headDim, v.qkvBias()));
            register("k_proj", new Linear(hidden, kvHeads * headDim, v.qkvBias()));
            register("v_proj", new Linear(hidden, kvHeads * headDim, v.qkvBias()));
        }
        register("o_proj", new Linear(heads * headDim, hidden, v.outputBias()));
        if (v.qkNorm()) {
            register("q_norm", new RMSNorm(headDim, c.rmsNormEps()));
            register("k_norm", new RMSNorm(headDim, c.rmsNormEps()));
        }
    }

    /** Attention of the usual scale {@code 1/sqrt(head_dim)}, no soft-capping. */
    Attention(ModelConfig c, Variant v, int window) { this(c, v, window, 1.0 / Math.sqrt(c.headDim()), 0); }

    /** {@code x} {@code [B, L, hidden]}; the cache (or null) holds the earlier positions. */
    Array forward(Array x, KVCache cache) {
        int b = x.shape(0), l = x.shape(1);
        Array q, k, v;
        if (variant.fusedQkv()) {
            List<Array> parts = Mx.split(layer("qkv_proj").forward(x),
                    new int[] {heads * headDim, (heads + kvHeads) * headDim}, -1);
            q = parts.get(0);
            k = parts.get(1);
            v = parts.get(2);
        } else {
            q = layer("q_proj").forward(x);
            k = layer("k_proj").forward(x);
            v = layer("v_proj").forward(x);
        }
        q = heads(q, b, l, heads);
        k = heads(k, b, l, kvHeads);
        v = heads(v, b, l, kvHeads);
        if (variant.qkNorm()) {
            q = layer("q_norm").forward(q);
            k = layer("k_norm").forward(k);
        }
        int offset = cache == null ? 0 : cache.offset();
        Array rowOffsets = cache == null ? null : cache.rowOffsets();
        q = rowOffsets == null ? rope.apply(q, offset) : rope.apply(q, rowOffsets);
        k = rowOffsets == null ? rope.apply(k, offset) : rope.apply(k, rowOffsets);
        if (cache != null) {
            Array[] kv = cache.updateAndFetch(k, v);
            k = kv[0];
            v = kv[1];
        }
        int keys = k.shape(2);
        int w = cache == null ? window : AttentionMasks.narrower(window, cache.window());
        Array rowMask = cache == null ? null : cache.attentionMask(l, w); // [B, 1, L, S] when rows differ
        Array out;
        if (softcap > 0) {
            out = cappedAttention(q, k, v, rowMask != null ? Mx.expandDims(rowMask, 1) : AttentionMasks.visible(l, offset, keys, w));
        } else if (rowMask != null) {
            out = Fast.scaledDotProductAttention(q, k, v, scale, rowMask);
        } else if (AttentionMasks.windowBites(w, keys)) {
            out = Fast.scaledDotProductAttention(q, k, v, scale, AttentionMasks.visible(l, offset, keys, w));
        } else {
            out = Fast.scaledDotProductAttention(q, k, v, scale, l > 1 ? "causal" : null);
        }
        out = Mx.reshape(Mx.transpose(out, new int[] {0, 2, 1, 3}), new int[] {b, l, heads * headDim});
        return layer("o_proj").forward(out);
    }

    /**
     * Attention with soft-capped scores, written out (the fused kernel has no cap): queries grouped per key head
     * {@code [B, KVH, G, L, D]}, softmax in float32.
     */
    private Array cappedAttention(Array q, Array k, Array v, Array visible) {
        int b = q.shape(0), l = q.shape(2), s = k.shape(2), g = heads / kvHeads;
        Array qg = Mx.reshape(q, new int[] {b, kvHeads, g, l, headDim});
        Array kg = Mx.expandDims(k, 2);
        Array vg = Mx.expandDims(v, 2);
        Array scores = Mx.matmul(qg.multiply(scale), Mx.swapAxes(kg, -1, -2));
        scores = Mx.tanh(scores.divide(softcap)).multiply(softcap);
        scores = Mx.where(visible, scores.astype(DType.FLOAT32), Double.NEGATIVE_INFINITY);
        Array probs = Mx.softmax(scores, -1).astype(v.dtype());
        return Mx.reshape(Mx.matmul(probs, vg), new int[] {b, heads, l, v.shape(3)});
    }

    /** {@code [B, L, n * D]} to {@code [B, n, L, D]}. */
    private Array heads(Array y, int b, int l, int n) {
        return Mx.transpose(Mx.reshape(y, new int[] {b, l, n, headDim}), new int[] {0, 2, 1, 3});
    }
}
