package org.mlx4j.optimizers;

import java.util.Map;
import org.mlx4j.core.Array;

/**
 * Adam with decoupled weight decay, as MLX's {@code mlx.optimizers.AdamW}: the parameter is first scaled by
 * {@code 1 - lr * weightDecay}, then updated as by {@link Adam}. Slots: {@code m}, {@code v}.
 */
public class AdamW extends Adam {
    private final double weightDecay;

    /**
     * AdamW with MLX's defaults otherwise (betas 0.9 and 0.999, eps 1e-8, no bias correction).
     *
     * @param learningRate the learning rate
     * @param weightDecay the decoupled weight decay (MLX's default 0.01)
     */
    public AdamW(double learningRate, double weightDecay) { this(learningRate, 0.9, 0.999, 1e-8, weightDecay, false); }

    /**
     * AdamW with MLX's weight decay, 0.01.
     *
     * @param learningRate the learning rate
     */
    public AdamW(double learningRate) { this(learningRate, 0.01); }

    /**
     * AdamW.
     *
     * @param learningRate the learning rate
     * @param beta1 the decay of the first moment
     * @param beta2 the decay of the second moment
     * @param eps added to the denominator
     * @param weightDecay the decoupled weight decay
     * @param biasCorrection whether to correct the moments' bias
     */
    public AdamW(double learningRate, double beta1, double beta2, double eps, double weightDecay, boolean biasCorrection) {
        super(learningRate, beta1, beta2, eps, biasCorrection);
        this.weightDecay = weightDecay;
    }

    /**
     * AdamW with a scheduled learning rate.
     *
     * @param learningRate the learning-rate schedule
     * @param beta1 the decay of the first moment
     * @param beta2 the decay of the second moment
     * @param eps added to the denominator
     * @param weightDecay the decoupled weight decay
     * @param biasCorrection whether to correct the moments' bias
     */
    public AdamW(Schedule learningRate, double beta1, double beta2, double eps, double weightDecay, boolean biasCorrection) {
        super(learningRate, beta1, beta2, eps, biasCorrection);
        this.weightDecay = weightDecay;
    }

    @Override
    protected Array applySingle(Array gradient, Array parameter, Map<String, Array> slots) {
        Array decayed = parameter.multiply(learningRate(gradient).multiply(weightDecay).negative().add(1.0));
        return super.applySingle(gradient, decayed, slots);
    }
}
