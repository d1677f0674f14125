package org.mlx4j.nn;

import org.mlx4j.core.Array;

/** The softmax activation as a layer; see {@link Activations}. MLX: {@code nn.Softmax}. */
public class Softmax extends Module implements UnaryLayer {
    /** The layer. */
    public Softmax() {}

    @Override
    public Array forward(Array x) { return Activations.softmax(x, -1); }
}
