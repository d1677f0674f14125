package org.mlx4j.nn;

import org.mlx4j.core.Array;

/** The relu activation as a layer; see {@link Activations}. MLX: {@code nn.ReLU}. */
public class ReLU extends Module implements UnaryLayer {
    /** The layer. */
    public ReLU() {}

    @Override
    public Array forward(Array x) { return Activations.relu(x); }
}
