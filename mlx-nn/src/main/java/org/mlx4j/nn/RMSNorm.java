package org.mlx4j.nn;

import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Fast;
import org.mlx4j.core.Mx;

/**
 * Root-mean-square normalisation of the last axis, scaled by {@code weight} (ones at first), as MLX's
 * {@code nn.RMSNorm}: {@code weight * x / sqrt(mean(x^2) + eps)}, in one fused kernel ({@link Fast#rmsNorm}).
 */
public class RMSNorm extends Module implements UnaryLayer {
    private final double eps;

    /**
     * The layer.
     *
     * @param dims the size of the last axis
     * @param eps added to the mean square (MLX's default 1e-5)
     * @throws IllegalArgumentException if {@code dims} is not positive
     */
    public RMSNorm(int dims, double eps) {
        Layers.checkPositive("RMSNorm", "dims", dims);
        this.eps = eps;
        register("weight", Mx.ones(new int[] {dims}, DType.FLOAT32));
    }

    /**
     * The layer with MLX's eps, 1e-5.
     *
     * @param dims the size of the last axis
     */
    public RMSNorm(int dims) { this(dims, 1e-5); }

    @Override
    public Array forward(Array x) { return Fast.rmsNorm(x, array("weight"), eps); }

    @Override
    protected String describe() { return array("weight").shape(0) + ", eps=" + eps; }
}
