package org.mlx4j.nn;

import org.mlx4j.core.Array;

/** The leaky_relu activation as a layer; see {@link Activations}. MLX: {@code nn.LeakyReLU}. */
public class LeakyReLU extends Module implements UnaryLayer {
    private final double negativeSlope;

    /**
     * The layer.
     *
     * @param negativeSlope the slope for negative inputs (MLX's default 0.01)
     */
    public LeakyReLU(double negativeSlope) {
        this.negativeSlope = negativeSlope;
    }

    /** The layer with MLX's defaults. */
    public LeakyReLU() { this(0.01); }

    @Override
    public Array forward(Array x) { return Activations.leakyRelu(x, negativeSlope); }

    @Override
    protected String describe() { return "negativeSlope=" + negativeSlope; }
}
