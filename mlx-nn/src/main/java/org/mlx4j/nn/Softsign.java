package org.mlx4j.nn;

import org.mlx4j.core.Array;

/** The softsign activation as a layer; see {@link Activations}. MLX: {@code nn.Softsign}. */
public class Softsign extends Module implements UnaryLayer {
    /** The layer. */
    public Softsign() {}

    @Override
    public Array forward(Array x) { return Activations.softsign(x); }
}
