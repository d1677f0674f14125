package org.mlx4j.optimizers;

import java.util.Map;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and weight decay (an L2 term
 * added to the gradient), as MLX's {@code mlx.optimizers.SGD}: {@code v = momentum * v + (1 - dampening) * g},
 * {@code w = w - lr * v} (or {@code g + momentum * v} with Nesterov). Slot: {@code v}.
 */
public class SGD extends Optimizer {
    private final double momentum;
    private final double weightDecay;
    private final double dampening;
    private final boolean nesterov;

    /**
     * Plain SGD.
     *
     * @param learningRate the learning rate
     */
    public SGD(double learningRate) { this(learningRate, 0.0); }

    /**
     * SGD with momentum.
     *
     * @param learningRate the learning rate
     * @param momentum the momentum (0 for none)
     */
    public SGD(double learningRate, double momentum) { this(learningRate, momentum, 0.0, 0.0, false); }

    /**
     * SGD with every option.
     *
     * @param learningRate the learning rate
     * @param momentum the momentum (MLX's default 0)
     * @param weightDecay the L2 penalty (MLX's default 0)
     * @param dampening the momentum dampening (MLX's default 0)
     * @param nesterov whether to use Nesterov momentum (MLX's default false)
     * @throws IllegalArgumentException for Nesterov without momentum or with dampening
     */
    public SGD(double learningRate, double momentum, double weightDecay, double dampening, boolean nesterov) {
        this(momentum, weightDecay, dampening, nesterov);
        hyperParameter("learning_rate", learningRate);
    }

    /**
     * SGD with a scheduled learning rate.
     *
     * @param learningRate the learning-rate schedule
     * @param momentum the momentum
     * @param weightDecay the L2 penalty
     * @param dampening the momentum dampening
     * @param nesterov whether to use Nesterov momentum
     * @throws IllegalArgumentException for Nesterov without momentum or with dampening
     */
    public SGD(Schedule learningRate, double momentum, double weightDecay, double dampening, boolean nesterov) {
        this(momentum, weightDecay, dampening, nesterov);
        hyperParameter("learning_rate", learningRate);
    }

    private SGD(double momentum, double weightDecay, double dampening, boolean nesterov) {
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("SGD: Nesterov momentum requires a momentum and zero dampening");
        }
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.dampening = dampening;
        this.nesterov = nesterov;
    }

    @Override
    protected void initSingle(Array parameter, Map<String, Array> slots) { slots.put("v", Mx.zerosLike(parameter)); }

    @Override
    protected Array applySingle(Array gradient, Array parameter, Map<String, Array> slots) {
        if (weightDecay != 0) gradient = gradient.add(parameter.multiply(weightDecay));
        if (momentum <= 0) return parameter.subtract(learningRate(gradient).multiply(gradient));
        Array v = slots.get("v").multiply(momentum);
        v = v.add(dampening > 0 ? gradient.multiply(1 - dampening) : gradient);
        Array update = nesterov ? gradient.add(v.multiply(momentum)) : v;
        slots.put("v", v);
        return parameter.subtract(learningRate(gradient).multiply(update));
    }
}
