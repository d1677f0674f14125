package org.mlx4j.nn;

import java.util.stream.IntStream;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

/**
 * Batch normalisation over channels-last input {@code [N, C]}, {@code [N, L, C]}, {@code [N, H, W, C]} or
 * {@code [N, D, H, W, C]}, as MLX's {@code nn.BatchNorm}: statistics over every axis but the last. In training mode
 * it normalises with the batch's statistics and, when it tracks them, moves {@code running_mean} and
 * {@code running_var} (frozen parameters) towards them by {@code momentum}; in evaluation mode it normalises with
 * the running statistics.
 */
public class BatchNorm extends Module implements UnaryLayer {
    private final double eps;
    private final double momentum;
    private final boolean trackRunningStats;

    /**
     * The layer.
     *
     * @param numFeatures the number of channels
     * @param eps added to the variance (MLX's default 1e-5)
     * @param momentum the weight of the batch in the running statistics (MLX's default 0.1)
     * @param affine whether the layer has {@code weight} and {@code bias}
     * @param trackRunningStats whether it keeps running statistics for evaluation mode
     * @throws IllegalArgumentException if {@code numFeatures} is not positive
     */
    public BatchNorm(int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        Layers.checkPositive("BatchNorm", "numFeatures", numFeatures);
        this.eps = eps;
        this.momentum = momentum;
        this.trackRunningStats = trackRunningStats;
        if (affine) {
            register("weight", Mx.ones(new int[] {numFeatures}, DType.FLOAT32));
            register("bias", Mx.zeros(new int[] {numFeatures}, DType.FLOAT32));
        }
        if (trackRunningStats) {
            register("running_mean", Mx.zeros(new int[] {numFeatures}, DType.FLOAT32));
            register("running_var", Mx.ones(new int[] {numFeatures}, DType.FLOAT32));
            freeze(false, "running_mean", "running_var");
        }
    }

    @Override
    protected java.util.List<String> alwaysFrozen() {
        return trackRunningStats ? java.util.List.of("running_mean", "running_var") : java.util.List.of();
    }

    /**
     * An affine layer tracking running statistics, with MLX's defaults.
     *
     * @param numFeatures the number of channels
     */
    public BatchNorm(int numFeatures) { this(numFeatures, 1e-5, 0.1, true, true); }

    @Override
    public Array forward(Array x) {
        if (x.ndim() < 2 || x.ndim() > 5) {
            throw new IllegalArgumentException("BatchNorm: expected an input of 2 to 5 dimensions, got "
                    + java.util.Arrays.toString(x.shape()));
        }
        int[] axes = IntStream.range(0, x.ndim() - 1).toArray();
        Array mean = Mx.mean(x, axes);
        Array var = Mx.var(x, axes);
        if (training() && trackRunningStats) {
            register("running_mean", array("running_mean").multiply(1 - momentum).add(mean.multiply(momentum)));
            register("running_var", array("running_var").multiply(1 - momentum).add(var.multiply(momentum)));
        } else if (trackRunningStats) {
            mean = array("running_mean");
            var = array("running_var");
        }
        Array y = x.subtract(mean).multiply(Mx.rsqrt(var.add(eps)));
        return has("weight") ? y.multiply(array("weight")).add(array("bias")) : y;
    }

    @Override
    protected String describe() {
        return "eps=" + eps + ", momentum=" + momentum + ", affine=" + has("weight")
                + ", track_running_stats=" + trackRunningStats;
    }
}
