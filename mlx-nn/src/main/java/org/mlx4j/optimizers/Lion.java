package org.mlx4j.optimizers;

import java.util.Map;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;

/**
 * Lion, as MLX's {@code mlx.optimizers.Lion}: {@code c = b1 m + (1 - b1) g}, {@code m = b2 m + (1 - b2) g},
 * {@code w = (1 - lr wd) w - lr sign(c)}. Slot: {@code m}.
 */
public class Lion extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double weightDecay;

    /**
     * Lion with MLX's defaults (betas 0.9 and 0.99, no weight decay).
     *
     * @param learningRate the learning rate
     */
    public Lion(double learningRate) { this(learningRate, 0.9, 0.99, 0.0); }

    /**
     * Lion.
     *
     * @param learningRate the learning rate
     * @param beta1 the interpolation for the update direction
     * @param beta2 the decay of the momentum
     * @param weightDecay the decoupled weight decay
     */
    public Lion(double learningRate, double beta1, double beta2, double weightDecay) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.weightDecay = weightDecay;
        hyperParameter("learning_rate", learningRate);
    }

    @Override
    protected void initSingle(Array parameter, Map<String, Array> slots) { slots.put("m", Mx.zerosLike(parameter)); }

    @Override
    protected Array applySingle(Array gradient, Array parameter, Map<String, Array> slots) {
        Array lr = learningRate(gradient);
        Array m = slots.get("m");
        Array c = m.multiply(beta1).add(gradient.multiply(1 - beta1));
        slots.put("m", m.multiply(beta2).add(gradient.multiply(1 - beta2)));
        if (weightDecay > 0) parameter = parameter.multiply(lr.multiply(weightDecay).negative().add(1.0));
        return parameter.subtract(lr.multiply(Mx.sign(c)));
    }
}
