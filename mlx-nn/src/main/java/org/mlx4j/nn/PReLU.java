package org.mlx4j.nn;

import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

/**
 * The parametric ReLU, {@code max(0, x) + a * min(0, x)} with a learned slope {@code weight} of
 * {@code numParameters} values, as MLX's {@code nn.PReLU}.
 */
public class PReLU extends Module implements UnaryLayer {
    /**
     * The layer.
     *
     * @param numParameters the number of slopes (1, or the number of channels)
     * @param init the initial slope (MLX's default 0.25)
     * @throws IllegalArgumentException if {@code numParameters} is not positive
     */
    public PReLU(int numParameters, double init) {
        Layers.checkPositive("PReLU", "numParameters", numParameters);
        register("weight", Mx.full(new int[] {numParameters}, init, DType.FLOAT32));
    }

    /** One slope starting at 0.25, as MLX's default. */
    public PReLU() { this(1, 0.25); }

    @Override
    public Array forward(Array x) { return Activations.prelu(x, array("weight")); }
}
