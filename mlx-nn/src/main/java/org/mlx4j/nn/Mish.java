package org.mlx4j.nn;

import org.mlx4j.core.Array;

/** The mish activation as a layer; see {@link Activations}. MLX: {@code nn.Mish}. */
public class Mish extends Module implements UnaryLayer {
    /** The layer. */
    public Mish() {}

    @Override
    public Array forward(Array x) { return Activations.mish(x); }
}
