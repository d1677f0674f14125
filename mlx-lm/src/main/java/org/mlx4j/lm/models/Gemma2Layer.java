package org.mlx4j.lm.models;

import org.mlx4j.core.Array;
import org.mlx4j.lm.cache.KVCache;
import org.mlx4j.nn.Activations;
import org.mlx4j.nn.Module;

/**
 * Gemma 2's decoder layer: norms before and after both the attention and the MLP,
 * {@code h = x + post_attention_layernorm(self_attn(input_layernorm(x)))},
 * {@code out = h + post_feedforward_layernorm(mlp(pre_feedforward_layernorm(h)))}.
 */
final class Gemma2Layer extends Module implements DecoderBlock {
    Gemma2Layer(ModelConfig c, int window) {
        double scale = 1.0 / Math.sqrt(c.number("query_pre_attn_scalar", c.headDim()));
        Variant v = new Variant(c.attentionBias(), c.attentionBias(), false, false, false, false);
        register("self_attn", new Attention(c, v, window, scale, c.number("attn_logit_softcapping", 0)));
        register("mlp", new Mlp(c.hiddenSize(), c.intermediateSize(), false, false, Activations::geluApprox));
        double eps = c.rmsNormEps();
        register("input_layernorm", new GemmaRMSNorm(c.hiddenSize(), eps));
        register("post_attention_layernorm", new GemmaRMSNorm(c.hiddenSize(), eps));
        register("pre_feedforward_layernorm", new GemmaRMSNorm(c.hiddenSize(), eps));
        register("post_feedforward_layernorm", new GemmaRMSNorm(c.hiddenSize(), eps));
    }

    @Override
    public Array forward(Array x, KVCache cache) {
        Array a = child("self_attn", Attention.class).forward(layer("input_layernorm").forward(x), cache);
        Array h = x.add(layer("post_attention_layernorm").forward(a));
        Array m = child("mlp", Mlp.class).forward(layer("pre_feedforward_layernorm").forward(h));
        return h.add(layer("post_feedforward_layernorm").forward(m));
    }
}
