package org.mlx4j.nn.init;

import org.mlx4j.core.Array;

/**
 * Makes a new array shaped like a given one, as the functions MLX's {@code mlx.nn.init} returns do; random
 * initialisers draw from {@code key}, or from the global random state when it is null.
 */
@FunctionalInterface
public interface Initializer {
    /**
     * A new array with {@code like}'s shape.
     *
     * @param like the array whose shape (and, unless the initialiser names one, dtype) the result takes
     * @param key the random key, or null for the global random state
     * @return the new array
     */
    Array apply(Array like, Array key);

    /**
     * As {@link #apply(Array, Array)} with the global random state.
     *
     * @param like the array whose shape the result takes
     * @return the new array
     */
    default Array apply(Array like) { return apply(like, null); }
}
