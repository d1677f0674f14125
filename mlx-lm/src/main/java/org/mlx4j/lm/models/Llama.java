package org.mlx4j.lm.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import org.mlx4j.core.Array;
import org.mlx4j.lm.cache.KVCache;
import org.mlx4j.nn.Embedding;
import org.mlx4j.nn.Linear;
import org.mlx4j.nn.Module;
import org.mlx4j.nn.QuantizedEmbedding;
import org.mlx4j.nn.RMSNorm;

/**
 * Llama (2, 3, 3.1/3.2 with {@code llama3} RoPE scaling) as transformers' {@code LlamaForCausalLM}: grouped-query
 * attention, SwiGLU MLP, RMS norms, tied or untied output embeddings, and the same parameter names
 * ({@code model.embed_tokens.weight}, {@code model.layers.0.self_attn.q_proj.weight},
 * {@code model.layers.0.mlp.gate_proj.weight}, {@code model.norm.weight}, {@code lm_head.weight} when untied), so
 * that {@link Module#saveWeights} beside {@link ModelConfig#save} writes a directory transformers loads. Python
 * mlx-lm: {@code mlx_lm.models.llama.Model}. The Llama-like architectures ({@link Mistral}, {@link Qwen2},
 * {@link Qwen3}, {@link Phi3}, {@link Gemma2}) extend it.
 *
 * <pre>{@code
 * import org.mlx4j.lm.models.*;
 *
 * Llama model = new Llama(ModelConfig.llama(128, 32, 2, 4, 2, 64));
 * Array logits = model.forward(Mx.array(new int[] {1, 5, 7}, 1, 3), null);
 * assert Arrays.equals(logits.shape(), new int[] {1, 3, 128});
 * }</pre>
 */
public class Llama extends Module implements LanguageModel {
    private final ModelConfig config;

    /**
     * A Llama with freshly initialised parameters (float32), shaped by {@code config}.
     *
     * @param config the configuration ({@code model_type} is not checked: Llama-shaped models of other names work)
     * @throws IllegalArgumentException if the head counts do not divide, or the RoPE scaling is not supported
     */
    public Llama(ModelConfig config) { this(config, Variant.llama(config), layer -> false); }

    /** A Llama-like model of {@code variant}, sliding where the configuration (or {@code sliding}) says. */
    Llama(ModelConfig config, Variant variant, IntPredicate sliding) {
        this(config, new DecoderStack(config, i -> new DecoderLayer(config, variant, SlidingWindow.of(config, i, sliding)),
                new RMSNorm(config.hiddenSize(), config.rmsNormEps()), 1.0));
    }

    /** A model over {@code stack}, with {@code lm_head} unless the embeddings are tied. */
    Llama(ModelConfig config, DecoderStack stack) {
        this.config = config;
        register("model", stack);
        if (!config.tieWordEmbeddings()) register("lm_head", new Linear(config.hiddenSize(), config.vocabSize(), false));
    }

    @Override
    public Array forward(Array inputIds, List<KVCache> cache) {
        if (inputIds.ndim() != 2 || !inputIds.dtype().isInteger()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".forward: inputIds must be integer [batch, length],"
                    + " got " + inputIds.dtype() + " " + Arrays.toString(inputIds.shape()));
        }
        DecoderStack stack = child("model", DecoderStack.class);
        if (cache != null && cache.size() != stack.depth()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".forward: the cache must have one entry per layer ("
                    + stack.depth() + "), got " + cache.size());
        }
        Array h = stack.forward(inputIds, cache);
        if (has("lm_head")) return finishLogits(layer("lm_head").forward(h));
        return finishLogits(switch (stack.embedding()) {
            case QuantizedEmbedding q -> q.asLinear(h);
            case Embedding e -> e.asLinear(h);
            default -> throw new IllegalStateException("embed_tokens is neither an Embedding nor a QuantizedEmbedding");
        });
    }

    /** The last touch on the logits (Gemma 2 soft-caps them). */
    Array finishLogits(Array logits) { return logits; }

    @Override
    public List<KVCache> newCache() {
        List<KVCache> caches = new ArrayList<>();
        for (int i = 0; i < config.numHiddenLayers(); i++) caches.add(new KVCache());
        return caches;
    }

    @Override
    public ModelConfig config() { return config; }
}
