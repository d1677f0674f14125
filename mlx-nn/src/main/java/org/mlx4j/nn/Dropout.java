package org.mlx4j.nn;

import org.mlx4j.core.Array;
import org.mlx4j.core.Random;

/**
 * In training mode, zeroes each element with probability {@code p} and scales the rest by {@code 1 / (1 - p)};
 * in evaluation mode it returns its input, as MLX's {@code nn.Dropout}. {@link Dropout2d} and {@link Dropout3d} drop
 * whole channels instead.
 */
public class Dropout extends Module implements UnaryLayer {
    private final double p;

    /**
     * The layer.
     *
     * @param p the probability of zeroing an element, in {@code [0, 1)} (MLX's default 0.5)
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1)}
     */
    public Dropout(double p) {
        Layers.checkProbability(getClass().getSimpleName(), p);
        this.p = p;
    }

    /** The layer with MLX's default probability, 0.5. */
    public Dropout() { this(0.5); }

    @Override
    public Array forward(Array x) {
        if (p == 0 || !training()) return x;
        checkInput(x);
        Array mask = Random.bernoulli(1 - p, maskShape(x), null);
        return mask.multiply(x).multiply(1 / (1 - p));
    }

    /**
     * The shape of the mask: the input's shape for element dropout; with the spatial axes set to 1 for channel
     * dropout.
     *
     * @param x the input
     * @return the mask's shape
     */
    protected int[] maskShape(Array x) { return x.shape(); }

    /**
     * Checks the input's rank; any rank for element dropout.
     *
     * @param x the input
     */
    protected void checkInput(Array x) { }

    @Override
    protected String describe() { return "p=" + p; }
}
