package org.mlx4j.nn;

import java.util.Arrays;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

/**
 * Group normalisation over channels-last input {@code [N, ..., C]}, as MLX's {@code nn.GroupNorm}: the channels
 * are split into {@code numGroups} groups and each group is normalised over its channels and all spatial positions.
 * MLX's default groups the channels strided ({@code c % numGroups}); with {@code pytorchCompatible} they are
 * contiguous blocks as in PyTorch.
 */
public class GroupNorm extends Module implements UnaryLayer {
    private final int numGroups;
    private final double eps;
    private final boolean pytorchCompatible;

    /**
     * The layer.
     *
     * @param numGroups the number of groups, which divides {@code dims}
     * @param dims the number of channels
     * @param eps added to the variance (MLX's default 1e-5)
     * @param affine whether the layer has {@code weight} and {@code bias}
     * @param pytorchCompatible whether groups are contiguous channel blocks (PyTorch) rather than strided (MLX)
     * @throws IllegalArgumentException if the sizes are not positive or {@code numGroups} does not divide {@code dims}
     */
    public GroupNorm(int numGroups, int dims, double eps, boolean affine, boolean pytorchCompatible) {
        Layers.checkPositive("GroupNorm", "numGroups", numGroups);
        Layers.checkPositive("GroupNorm", "dims", dims);
        if (dims % numGroups != 0) {
            throw new IllegalArgumentException("GroupNorm: numGroups " + numGroups + " does not divide dims " + dims);
        }
        this.numGroups = numGroups;
        this.eps = eps;
        this.pytorchCompatible = pytorchCompatible;
        if (affine) {
            register("weight", Mx.ones(new int[] {dims}, DType.FLOAT32));
            register("bias", Mx.zeros(new int[] {dims}, DType.FLOAT32));
        }
    }

    /**
     * An affine layer with MLX's defaults.
     *
     * @param numGroups the number of groups
     * @param dims the number of channels
     */
    public GroupNorm(int numGroups, int dims) { this(numGroups, dims, 1e-5, true, false); }

    @Override
    public Array forward(Array x) {
        int[] shape = x.shape();
        int batch = shape[0], dims = shape[shape.length - 1];
        if (dims % numGroups != 0) {
            throw new IllegalArgumentException("GroupNorm: input " + Arrays.toString(shape) + " has " + dims
                    + " channels, not a multiple of " + numGroups + " groups");
        }
        Array y;
        if (pytorchCompatible) {
            int groupSize = dims / numGroups;
            Array g = x.reshape(batch, -1, numGroups, groupSize).transpose(0, 2, 1, 3).reshape(batch, numGroups, -1);
            g = Normalization.standardize(g, new int[] {-1}, eps);
            y = g.reshape(batch, numGroups, -1, groupSize).transpose(0, 2, 1, 3).reshape(shape);
        } else {
            Array g = x.reshape(batch, -1, numGroups);
            y = Normalization.standardize(g, new int[] {1}, eps).reshape(shape);
        }
        return has("weight") ? y.multiply(array("weight")).add(array("bias")) : y;
    }

    @Override
    protected String describe() {
        return numGroups + ", eps=" + eps + ", affine=" + has("weight") + ", pytorch_compatible=" + pytorchCompatible;
    }
}
