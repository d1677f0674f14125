package org.mlx4j.lm.models;

import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.lm.cache.KVCache;

/**
 * A causal language model: token ids in, next-token logits out, with one key/value cache per layer for
 * incremental decoding. Python mlx-lm: a {@code Model} of {@code mlx_lm.models}.
 */
public interface LanguageModel {
    /**
     * The logits of every position, lazily. With {@code cache} null the whole sequence is attended causally and
     * nothing is kept (training: the result is differentiable in the model's parameters); with a cache (from
     * {@link #newCache()}) the ids continue the cached positions and their keys and values are appended.
     *
     * @param inputIds int32 (or another integer type) token ids {@code [B, L]}
     * @param cache one cache per layer, or null
     * @return logits {@code [B, L, vocab]}
     * @throws IllegalArgumentException if {@code inputIds} is not an integer array of rank 2, or the cache does
     *     not have one entry per layer
     */
    Array forward(Array inputIds, List<KVCache> cache);

    /**
     * Empty caches, one per layer, for {@link #forward}.
     *
     * @return a new mutable list of caches
     */
    List<KVCache> newCache();

    /**
     * The configuration the model was built from.
     *
     * @return the configuration
     */
    ModelConfig config();
}
