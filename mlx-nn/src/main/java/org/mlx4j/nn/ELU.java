package org.mlx4j.nn;

import org.mlx4j.core.Array;

/** The elu activation as a layer; see {@link Activations}. MLX: {@code nn.ELU}. */
public class ELU extends Module implements UnaryLayer {
    private final double alpha;

    /**
     * The layer.
     *
     * @param alpha the scale of the negative part (MLX's default 1.0)
     */
    public ELU(double alpha) {
        this.alpha = alpha;
    }

    /** The layer with MLX's defaults. */
    public ELU() { this(1.0); }

    @Override
    public Array forward(Array x) { return Activations.elu(x, alpha); }

    @Override
    protected String describe() { return "alpha=" + alpha; }
}
