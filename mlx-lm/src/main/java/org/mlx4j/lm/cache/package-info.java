/**
 * Attention caches for generation, as mlx-lm's {@code models/cache.py}: {@link org.mlx4j.lm.cache.KVCache}.
 */
package org.mlx4j.lm.cache;
