package org.mlx4j.nn;

import org.mlx4j.core.Array;

/** Returns its input unchanged, as MLX's {@code mlx.nn.Identity}; a placeholder layer with no parameters. */
public class Identity extends Module implements UnaryLayer {
    /** The identity layer. */
    public Identity() {}

    @Override
    public Array forward(Array x) { return x; }
}
