package org.mlx4j.nn;

import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Fast;
import org.mlx4j.core.Mx;

/**
 * Normalises the last axis to zero mean and unit variance, then scales by {@code weight} and shifts by
 * {@code bias} (ones and zeros at first), as MLX's {@code nn.LayerNorm}, in one fused kernel ({@link Fast#layerNorm}).
 */
public class LayerNorm extends Module implements UnaryLayer {
    private final double eps;

    /**
     * The layer.
     *
     * @param dims the size of the last axis
     * @param eps added to the variance (MLX's default 1e-5)
     * @param affine whether the layer has {@code weight} and {@code bias}
     * @throws IllegalArgumentException if {@code dims} is not positive
     */
    public LayerNorm(int dims, double eps, boolean affine) { this(dims, eps, affine, true); }

    /**
     * The layer, with or without its bias.
     *
     * @param dims the size of the last axis
     * @param eps added to the variance
     * @param affine whether the layer has a {@code weight}
     * @param bias whether an affine layer also has a {@code bias}
     * @throws IllegalArgumentException if {@code dims} is not positive
     */
    public LayerNorm(int dims, double eps, boolean affine, boolean bias) {
        Layers.checkPositive("LayerNorm", "dims", dims);
        this.eps = eps;
        if (affine) {
            register("weight", Mx.ones(new int[] {dims}, DType.FLOAT32));
            if (bias) register("bias", Mx.zeros(new int[] {dims}, DType.FLOAT32));
        }
    }

    /**
     * An affine layer with MLX's eps, 1e-5.
     *
     * @param dims the size of the last axis
     */
    public LayerNorm(int dims) { this(dims, 1e-5, true); }

    @Override
    public Array forward(Array x) {
        return Fast.layerNorm(x, has("weight") ? array("weight") : null, has("bias") ? array("bias") : null, eps);
    }

    @Override
    protected String describe() { return "eps=" + eps + ", affine=" + has("weight"); }
}
