package org.mlx4j.nn;

import org.mlx4j.core.Array;

/** The hardswish activation as a layer; see {@link Activations}. MLX: {@code nn.Hardswish}. */
public class Hardswish extends Module implements UnaryLayer {
    /** The layer. */
    public Hardswish() {}

    @Override
    public Array forward(Array x) { return Activations.hardswish(x); }
}
