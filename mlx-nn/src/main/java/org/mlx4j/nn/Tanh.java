package org.mlx4j.nn;

import org.mlx4j.core.Array;

/** The tanh activation as a layer; see {@link Activations}. MLX: {@code nn.Tanh}. */
public class Tanh extends Module implements UnaryLayer {
    /** The layer. */
    public Tanh() {}

    @Override
    public Array forward(Array x) { return Activations.tanh(x); }
}
