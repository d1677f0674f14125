package org.mlx4j.nn;

import org.mlx4j.core.Array;

/** The softmin activation as a layer; see {@link Activations}. MLX: {@code nn.Softmin}. */
public class Softmin extends Module implements UnaryLayer {
    /** The layer. */
    public Softmin() {}

    @Override
    public Array forward(Array x) { return Activations.softmin(x, -1); }
}
