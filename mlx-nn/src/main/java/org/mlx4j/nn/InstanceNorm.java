package org.mlx4j.nn;

import java.util.stream.IntStream;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

/**
 * Instance normalisation of channels-last input {@code [N, ..., C]}, as MLX's {@code nn.InstanceNorm}: each sample
 * and channel is normalised over the spatial axes.
 */
public class InstanceNorm extends Module implements UnaryLayer {
    private final double eps;

    /**
     * The layer.
     *
     * @param dims the number of channels
     * @param eps added to the variance (MLX's default 1e-5)
     * @param affine whether the layer has {@code weight} and {@code bias} (MLX's default false)
     * @throws IllegalArgumentException if {@code dims} is not positive
     */
    public InstanceNorm(int dims, double eps, boolean affine) {
        Layers.checkPositive("InstanceNorm", "dims", dims);
        this.eps = eps;
        if (affine) {
            register("weight", Mx.ones(new int[] {dims}, DType.FLOAT32));
            register("bias", Mx.zeros(new int[] {dims}, DType.FLOAT32));
        }
    }

    /**
     * A layer without affine parameters, MLX's default.
     *
     * @param dims the number of channels
     */
    public InstanceNorm(int dims) { this(dims, 1e-5, false); }

    @Override
    public Array forward(Array x) {
        if (x.ndim() < 3) {
            throw new IllegalArgumentException("InstanceNorm: expected [N, ..., C] with at least one spatial axis, got "
                    + java.util.Arrays.toString(x.shape()));
        }
        Array y = Normalization.standardize(x, IntStream.range(1, x.ndim() - 1).toArray(), eps);
        return has("weight") ? y.multiply(array("weight")).add(array("bias")) : y;
    }

    @Override
    protected String describe() { return "eps=" + eps + ", affine=" + has("weight"); }
}
