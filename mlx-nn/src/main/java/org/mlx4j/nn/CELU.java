package org.mlx4j.nn;

import org.mlx4j.core.Array;

/** The celu activation as a layer; see {@link Activations}. MLX: {@code nn.CELU}. */
public class CELU extends Module implements UnaryLayer {
    private final double alpha;

    /**
     * The layer.
     *
     * @param alpha the scale (MLX's default 1.0)
     */
    public CELU(double alpha) {
        this.alpha = alpha;
    }

    /** The layer with MLX's defaults. */
    public CELU() { this(1.0); }

    @Override
    public Array forward(Array x) { return Activations.celu(x, alpha); }

    @Override
    protected String describe() { return "alpha=" + alpha; }
}
