package org.mlx4j.nn;

import org.mlx4j.core.Array;

/** The sigmoid activation as a layer; see {@link Activations}. MLX: {@code nn.Sigmoid}. */
public class Sigmoid extends Module implements UnaryLayer {
    /** The layer. */
    public Sigmoid() {}

    @Override
    public Array forward(Array x) { return Activations.sigmoid(x); }
}
