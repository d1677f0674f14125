package org.mlx4j.lm.models;

import org.mlx4j.core.Array;
import org.mlx4j.lm.cache.KVCache;
import org.mlx4j.nn.Activations;
import org.mlx4j.nn.Module;
import org.mlx4j.nn.RMSNorm;

/**
 * One pre-norm decoder layer: {@code h = x + self_attn(input_layernorm(x))},
 * {@code out = h + mlp(post_attention_layernorm(h))}.
 */
final class DecoderLayer extends Module implements DecoderBlock {
    DecoderLayer(ModelConfig c, Variant v, int window) {
        register("self_attn", new Attention(c, v, window));
        register("mlp", new Mlp(c.hiddenSize(), c.intermediateSize(), v.mlpBias(), v.fusedGateUp(), Activations::silu));
        register("input_layernorm", new RMSNorm(c.hiddenSize(), c.rmsNormEps()));
        register("post_attention_layernorm", new RMSNorm(c.hiddenSize(), c.rmsNormEps()));
    }

    @Override
    public Array forward(Array x, KVCache cache) {
        Array h = x.add(child("self_attn", Attention.class).forward(layer("input_layernorm").forward(x), cache));
        return h.add(child("mlp", Mlp.class).forward(layer("post_attention_layernorm").forward(h)));
    }
}
