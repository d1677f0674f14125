package org.mlx4j.nn;

import org.mlx4j.core.Array;

/** The softshrink activation as a layer; see {@link Activations}. MLX: {@code nn.Softshrink}. */
public class Softshrink extends Module implements UnaryLayer {
    private final double lambda;

    /**
     * The layer.
     *
     * @param lambda the threshold (MLX's default 0.5)
     */
    public Softshrink(double lambda) {
        this.lambda = lambda;
    }

    /** The layer with MLX's defaults. */
    public Softshrink() { this(0.5); }

    @Override
    public Array forward(Array x) { return Activations.softshrink(x, lambda); }

    @Override
    protected String describe() { return "lambda=" + lambda; }
}
