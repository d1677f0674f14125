package org.mlx4j.nn;

import org.mlx4j.core.Array;

/** The relu6 activation as a layer; see {@link Activations}. MLX: {@code nn.ReLU6}. */
public class ReLU6 extends Module implements UnaryLayer {
    /** The layer. */
    public ReLU6() {}

    @Override
    public Array forward(Array x) { return Activations.relu6(x); }
}
