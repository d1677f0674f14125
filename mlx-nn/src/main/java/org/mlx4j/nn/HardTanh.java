package org.mlx4j.nn;

import org.mlx4j.core.Array;

/** The hard_tanh activation as a layer; see {@link Activations#hardTanh}. MLX: {@code nn.HardTanh}. */
public class HardTanh extends Module implements UnaryLayer {
    private final double min;
    private final double max;

    /**
     * The layer.
     *
     * @param min the lower bound (MLX's default -1)
     * @param max the upper bound (MLX's default 1)
     */
    public HardTanh(double min, double max) {
        this.min = min;
        this.max = max;
    }

    /** The layer with MLX's bounds, -1 and 1. */
    public HardTanh() { this(-1.0, 1.0); }

    @Override
    public Array forward(Array x) { return Activations.hardTanh(x, min, max); }

    @Override
    protected String describe() { return "min_val=" + min + ", max_val=" + max; }
}
