package org.mlx4j.nn;

import org.mlx4j.core.Array;

/** The selu activation as a layer; see {@link Activations}. MLX: {@code nn.SELU}. */
public class SELU extends Module implements UnaryLayer {
    /** The layer. */
    public SELU() {}

    @Override
    public Array forward(Array x) { return Activations.selu(x); }
}
