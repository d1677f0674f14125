package org.mlx4j.nn;

import org.mlx4j.core.Array;

/** The softplus activation as a layer; see {@link Activations}. MLX: {@code nn.Softplus}. */
public class Softplus extends Module implements UnaryLayer {
    /** The layer. */
    public Softplus() {}

    @Override
    public Array forward(Array x) { return Activations.softplus(x); }
}
