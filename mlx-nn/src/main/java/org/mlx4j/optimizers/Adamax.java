package org.mlx4j.optimizers;

import java.util.Map;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;

/**
 * Adamax, Adam with the infinity norm, as MLX's {@code mlx.optimizers.Adamax}: {@code m = b1 m + (1 - b1) g},
 * {@code v = max(b2 v, |g|)}, {@code w = w - lr m / (v + eps)}. Slots: {@code m}, {@code v}.
 */
public class Adamax extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;

    /**
     * Adamax with MLX's defaults (betas 0.9 and 0.999, eps 1e-8).
     *
     * @param learningRate the learning rate
     */
    public Adamax(double learningRate) { this(learningRate, 0.9, 0.999, 1e-8); }

    /**
     * Adamax.
     *
     * @param learningRate the learning rate
     * @param beta1 the decay of the first moment
     * @param beta2 the decay of the infinity norm
     * @param eps added to the denominator, at least 0
     * @throws IllegalArgumentException for a negative eps
     */
    public Adamax(double learningRate, double beta1, double beta2, double eps) {
        if (eps < 0) throw new IllegalArgumentException("Adamax: eps must be >= 0, got " + eps);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        hyperParameter("learning_rate", learningRate);
    }

    @Override
    protected void initSingle(Array parameter, Map<String, Array> slots) {
        slots.put("m", Mx.zerosLike(parameter));
        slots.put("v", Mx.zerosLike(parameter));
    }

    @Override
    protected Array applySingle(Array gradient, Array parameter, Map<String, Array> slots) {
        Array m = slots.get("m").multiply(beta1).add(gradient.multiply(1 - beta1));
        Array v = Mx.maximum(slots.get("v").multiply(beta2), Mx.abs(gradient));
        slots.put("m", m);
        slots.put("v", v);
        return parameter.subtract(learningRate(gradient).multiply(m).divide(v.add(eps)));
    }
}
