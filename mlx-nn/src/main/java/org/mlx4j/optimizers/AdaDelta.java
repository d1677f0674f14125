package org.mlx4j.optimizers;

import java.util.Map;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;

/**
 * AdaDelta with a learning rate, as MLX's {@code mlx.optimizers.AdaDelta}: {@code v = rho v + (1 - rho) g^2},
 * {@code d = sqrt(u + eps) / sqrt(v + eps) g}, {@code u = rho u + (1 - rho) d^2}, {@code w = w - lr d}.
 * Slots: {@code v}, {@code u}.
 */
public class AdaDelta extends Optimizer {
    private final double rho;
    private final double eps;

    /**
     * AdaDelta with MLX's defaults (rho 0.9, eps 1e-6).
     *
     * @param learningRate the learning rate
     */
    public AdaDelta(double learningRate) { this(learningRate, 0.9, 1e-6); }

    /**
     * AdaDelta.
     *
     * @param learningRate the learning rate
     * @param rho the decay of the running averages, at least 0
     * @param eps added inside the roots, at least 0
     * @throws IllegalArgumentException for a negative rho or eps
     */
    public AdaDelta(double learningRate, double rho, double eps) {
        if (rho < 0) throw new IllegalArgumentException("AdaDelta: rho must be >= 0, got " + rho);
        if (eps < 0) throw new IllegalArgumentException("AdaDelta: eps must be >= 0, got " + eps);
        this.rho = rho;
        this.eps = eps;
        hyperParameter("learning_rate", learningRate);
    }

    @Override
    protected void initSingle(Array parameter, Map<String, Array> slots) {
        slots.put("v", Mx.zerosLike(parameter));
        slots.put("u", Mx.zerosLike(parameter));
    }

    @Override
    protected Array applySingle(Array gradient, Array parameter, Map<String, Array> slots) {
        Array v = slots.get("v").multiply(rho).add(gradient.square().multiply(1 - rho));
        Array d = Mx.sqrt(slots.get("u").add(eps)).divide(Mx.sqrt(v.add(eps))).multiply(gradient);
        Array u = slots.get("u").multiply(rho).add(d.square().multiply(1 - rho));
        slots.put("v", v);
        slots.put("u", u);
        return parameter.subtract(learningRate(gradient).multiply(d));
    }
}
