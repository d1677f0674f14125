package org.mlx4j.nn;

import org.mlx4j.core.Array;

/**
 * A module called with one array, as most of MLX's layers are ({@code y = layer(x)}); {@link Sequential} chains
 * them.
 */
public interface UnaryLayer {
    /**
     * Applies the layer. MLX: {@code layer(x)}.
     *
     * @param x the input
     * @return the output
     */
    Array forward(Array x);
}
