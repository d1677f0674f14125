package org.mlx4j.optimizers;

import java.util.Map;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;

/**
 * RMSprop, as MLX's {@code mlx.optimizers.RMSprop}: {@code v = alpha v + (1 - alpha) g^2},
 * {@code w = w - lr g / (sqrt(v) + eps)}. Slot: {@code v}.
 */
public class RMSprop extends Optimizer {
    private final double alpha;
    private final double eps;

    /**
     * RMSprop with MLX's defaults (alpha 0.99, eps 1e-8).
     *
     * @param learningRate the learning rate
     */
    public RMSprop(double learningRate) { this(learningRate, 0.99, 1e-8); }

    /**
     * RMSprop.
     *
     * @param learningRate the learning rate
     * @param alpha the smoothing constant, at least 0
     * @param eps added to the denominator, at least 0
     * @throws IllegalArgumentException for a negative alpha or eps
     */
    public RMSprop(double learningRate, double alpha, double eps) {
        if (alpha < 0) throw new IllegalArgumentException("RMSprop: alpha must be >= 0, got " + alpha);
        if (eps < 0) throw new IllegalArgumentException("RMSprop: eps must be >= 0, got " + eps);
        this.alpha = alpha;
        this.eps = eps;
        hyperParameter("learning_rate", learningRate);
    }

    @Override
    protected void initSingle(Array parameter, Map<String, Array> slots) { slots.put("v", Mx.zerosLike(parameter)); }

    @Override
    protected Array applySingle(Array gradient, Array parameter, Map<String, Array> slots) {
        Array v = slots.get("v").multiply(alpha).add(gradient.square().multiply(1 - alpha));
        slots.put("v", v);
        return parameter.subtract(learningRate(gradient).multiply(gradient).divide(Mx.sqrt(v).add(eps)));
    }
}
