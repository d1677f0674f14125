package org.mlx4j.nn;

import org.mlx4j.core.Array;

/** The step activation as a layer; see {@link Activations}. MLX: {@code nn.Step}. */
public class Step extends Module implements UnaryLayer {
    private final double threshold;

    /**
     * The layer.
     *
     * @param threshold the threshold (MLX's default 0.0)
     */
    public Step(double threshold) {
        this.threshold = threshold;
    }

    /** The layer with MLX's defaults. */
    public Step() { this(0.0); }

    @Override
    public Array forward(Array x) { return Activations.step(x, threshold); }

    @Override
    protected String describe() { return "threshold=" + threshold; }
}
