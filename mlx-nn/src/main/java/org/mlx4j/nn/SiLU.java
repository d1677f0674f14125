package org.mlx4j.nn;

import org.mlx4j.core.Array;

/** The silu activation as a layer; see {@link Activations}. MLX: {@code nn.SiLU}. */
public class SiLU extends Module implements UnaryLayer {
    /** The layer. */
    public SiLU() {}

    @Override
    public Array forward(Array x) { return Activations.silu(x); }
}
