package org.mlx4j.lm.models;

import org.mlx4j.core.Array;
import org.mlx4j.lm.cache.KVCache;

/** One decoder layer of a {@link DecoderStack}: hidden states {@code [B, L, hidden]} in and out. */
interface DecoderBlock {
    Array forward(Array x, KVCache cache);
}
