package org.mlx4j.lm.models;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.mlx4j.lm.cache.KVCache;
import org.mlx4j.nn.Embedding;
import org.mlx4j.nn.Module;

/**
 * transformers' {@code LlamaModel} and its relatives: {@code embed_tokens}, {@code layers}, {@code norm}; hidden
 * states out. Gemma multiplies the embeddings by {@code sqrt(hidden_size)} (in their dtype).
 */
final class DecoderStack extends Module {
    private final double embedScale;

    <L extends Module & DecoderBlock> DecoderStack(ModelConfig c, IntFunction<L> layer, Module norm, double embedScale) {
        this.embedScale = embedScale;
        register("embed_tokens", new Embedding(c.vocabSize(), c.hiddenSize()));
        List<L> layers = new ArrayList<>();
        for (int i = 0; i < c.numHiddenLayers(); i++) layers.add(layer.apply(i));
        register("layers", layers);
        register("norm", norm);
    }

    /** The token embedding (an {@code Embedding}, or a {@code QuantizedEmbedding} once quantized). */
    Module embedding() { return child("embed_tokens", Module.class); }

    int depth() { return list("layers").size(); }

    Array forward(Array inputIds, List<KVCache> cache) {
        Array h = layer("embed_tokens").forward(inputIds);
        if (embedScale != 1) h = h.multiply(Mx.array((float) embedScale).astype(h.dtype()));
        List<?> layers = list("layers");
        for (int i = 0; i < layers.size(); i++) {
            h = ((DecoderBlock) layers.get(i)).forward(h, cache == null ? null : cache.get(i));
        }
        return layer("norm").forward(h);
    }
}
