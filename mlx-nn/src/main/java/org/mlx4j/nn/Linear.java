package org.mlx4j.nn;

import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;

/**
 * An affine map {@code y = x W^T + b}, as MLX's {@code mlx.nn.Linear}: {@code weight} {@code [out, in]} and
 * {@code bias} {@code [out]}, both drawn from {@code U(-1/sqrt(in), 1/sqrt(in))}.
 */
public class Linear extends Module implements UnaryLayer {
    /**
     * A linear layer.
     *
     * @param inDims the input features
     * @param outDims the output features
     * @param bias whether the layer has a bias
     * @throws IllegalArgumentException if a size is not positive
     */
    public Linear(int inDims, int outDims, boolean bias) {
        Layers.checkPositive("Linear", "inDims", inDims);
        Layers.checkPositive("Linear", "outDims", outDims);
        double scale = Math.sqrt(1.0 / inDims);
        register("weight", Random.uniform(-scale, scale, new int[] {outDims, inDims}, DType.FLOAT32, null));
        if (bias) register("bias", Random.uniform(-scale, scale, new int[] {outDims}, DType.FLOAT32, null));
    }

    /**
     * A linear layer with a bias.
     *
     * @param inDims the input features
     * @param outDims the output features
     */
    public Linear(int inDims, int outDims) { this(inDims, outDims, true); }

    @Override
    public Array forward(Array x) {
        Array y = Mx.matmul(x, array("weight").T());
        return has("bias") ? y.add(array("bias")) : y;
    }

    @Override
    protected String describe() {
        int[] w = array("weight").shape();
        return "input_dims=" + w[1] + ", output_dims=" + w[0] + ", bias=" + has("bias");
    }
}
