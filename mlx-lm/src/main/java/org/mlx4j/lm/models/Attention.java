package org.mlx4j.lm.models;

import org.mlx4j.core.Array;
import org.mlx4j.core.Fast;
import org.mlx4j.core.Mx;
import org.mlx4j.lm.cache.KVCache;
import org.mlx4j.nn.Linear;
import org.mlx4j.nn.Module;
import org.mlx4j.nn.RMSNorm;

/**
 * Multi-head self-attention with grouped key/value heads and RoPE, under transformers' names
 * ({@code q_proj}, {@code k_proj}, {@code v_proj}, {@code o_proj}, and {@code q_norm}/{@code k_norm} when the
 * architecture normalises each head's queries and keys, as Qwen3).
 */
final class Attention extends Module {
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final double scale;
    private final RotaryEmbedding rope;
    private final boolean qkNorm;

    Attention(ModelConfig c, Variant v) {
        heads = c.numAttentionHeads();
        kvHeads = c.numKeyValueHeads();
        headDim = c.headDim();
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("Attention: num_attention_heads (" + heads
                    + ") must be a multiple of num_key_value_heads (" + kvHeads + ")");
        }
        scale = 1.0 / Math.sqrt(headDim);
        rope = RotaryEmbedding.of(c, headDim, false);
        qkNorm = v.qkNorm();
        int hidden = c.hiddenSize();
        register("q_proj", new Linear(hidden, heads * headDim, v.qkvBias()));
        register("k_proj", new Linear(hidden, kvHeads * headDim, v.qkvBias()));
        register("v_proj", new Linear(hidden, kvHeads * headDim, v.qkvBias()));
        register("o_proj", new Linear(heads * headDim, hidden, v.outputBias()));
        if (qkNorm) {
            register("q_norm", new RMSNorm(headDim, c.rmsNormEps()));
            register("k_norm", new RMSNorm(headDim, c.rmsNormEps()));
        }
    }

    /** {@code x} {@code [B, L, hidden]}; the cache (or null) holds the earlier positions. */
    Array forward(Array x, KVCache cache) {
        int b = x.shape(0), l = x.shape(1);
        Array q = heads(layer("q_proj").forward(x), b, l, heads);
        Array k = heads(layer("k_proj").forward(x), b, l, kvHeads);
        Array v = heads(layer("v_proj").forward(x), b, l, kvHeads);
        if (qkNorm) {
            q = layer("q_norm").forward(q);
            k = layer("k_norm").forward(k);
        }
        int offset = cache == null ? 0 : cache.offset();
        q = rope.apply(q, offset);
        k = rope.apply(k, offset);
        if (cache != null) {
            Array[] kv = cache.updateAndFetch(k, v);
            k = kv[0];
            v = kv[1];
        }
        Array out = Fast.scaledDotProductAttention(q, k, v, scale, l > 1 ? "causal" : null);
        out = Mx.reshape(Mx.transpose(out, new int[] {0, 2, 1, 3}), new int[] {b, l, heads * headDim});
        return layer("o_proj").forward(out);
    }

    /** {@code [B, L, n * D]} to {@code [B, n, L, D]}. */
    private Array heads(Array y, int b, int l, int n) {
        return Mx.transpose(Mx.reshape(y, new int[] {b, l, n, headDim}), new int[] {0, 2, 1, 3});
    }
}
