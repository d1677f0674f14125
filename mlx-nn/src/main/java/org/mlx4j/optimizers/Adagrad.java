package org.mlx4j.optimizers;

import java.util.Map;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;

/**
 * Adagrad, as MLX's {@code mlx.optimizers.Adagrad}: {@code v = v + g^2}, {@code w = w - lr g / (sqrt(v) + eps)}.
 * Slot: {@code v}.
 */
public class Adagrad extends Optimizer {
    private final double eps;

    /**
     * Adagrad with MLX's eps, 1e-8.
     *
     * @param learningRate the learning rate
     */
    public Adagrad(double learningRate) { this(learningRate, 1e-8); }

    /**
     * Adagrad.
     *
     * @param learningRate the learning rate
     * @param eps added to the denominator, at least 0
     * @throws IllegalArgumentException for a negative eps
     */
    public Adagrad(double learningRate, double eps) {
        if (eps < 0) throw new IllegalArgumentException("Adagrad: eps must be >= 0, got " + eps);
        this.eps = eps;
        hyperParameter("learning_rate", learningRate);
    }

    @Override
    protected void initSingle(Array parameter, Map<String, Array> slots) { slots.put("v", Mx.zerosLike(parameter)); }

    @Override
    protected Array applySingle(Array gradient, Array parameter, Map<String, Array> slots) {
        Array v = slots.get("v").add(gradient.square());
        slots.put("v", v);
        return parameter.subtract(learningRate(gradient).multiply(gradient).divide(Mx.sqrt(v).add(eps)));
    }
}
