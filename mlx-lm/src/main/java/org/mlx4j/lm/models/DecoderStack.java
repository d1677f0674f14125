package org.mlx4j.lm.models;

import java.util.ArrayList;
import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.lm.cache.KVCache;
import org.mlx4j.nn.Embedding;
import org.mlx4j.nn.Module;
import org.mlx4j.nn.RMSNorm;

/** transformers' {@code LlamaModel}: {@code embed_tokens}, {@code layers}, {@code norm}; hidden states out. */
final class DecoderStack extends Module {
    DecoderStack(ModelConfig c, Variant v) {
        register("embed_tokens", new Embedding(c.vocabSize(), c.hiddenSize()));
        List<DecoderLayer> layers = new ArrayList<>();
        for (int i = 0; i < c.numHiddenLayers(); i++) layers.add(new DecoderLayer(c, v));
        register("layers", layers);
        register("norm", new RMSNorm(c.hiddenSize(), c.rmsNormEps()));
    }

    /** The token embedding (an {@code Embedding}, or a {@code QuantizedEmbedding} once quantized). */
    Module embedding() { return child("embed_tokens", Module.class); }

    int depth() { return list("layers").size(); }

    Array forward(Array inputIds, List<KVCache> cache) {
        Array h = layer("embed_tokens").forward(inputIds);
        List<?> layers = list("layers");
        for (int i = 0; i < layers.size(); i++) {
            h = ((DecoderLayer) layers.get(i)).forward(h, cache == null ? null : cache.get(i));
        }
        return layer("norm").forward(h);
    }
}
