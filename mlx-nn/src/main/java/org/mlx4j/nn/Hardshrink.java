package org.mlx4j.nn;

import org.mlx4j.core.Array;

/** The hard_shrink activation as a layer; see {@link Activations}. MLX: {@code nn.Hardshrink}. */
public class Hardshrink extends Module implements UnaryLayer {
    private final double lambda;

    /**
     * The layer.
     *
     * @param lambda the threshold (MLX's default 0.5)
     */
    public Hardshrink(double lambda) {
        this.lambda = lambda;
    }

    /** The layer with MLX's defaults. */
    public Hardshrink() { this(0.5); }

    @Override
    public Array forward(Array x) { return Activations.hardShrink(x, lambda); }

    @Override
    protected String describe() { return "lambda=" + lambda; }
}
