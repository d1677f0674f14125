/**
 * Utilities over trees of arrays (nested maps, lists and {@link org.mlx4j.core.TreeLike}s), as MLX's
 * {@code mlx.utils}: {@link org.mlx4j.utils.Tree}.
 */
package org.mlx4j.utils;
