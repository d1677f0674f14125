package org.mlx4j.optimizers;

import java.util.Map;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;

/**
 * Adam, as MLX's {@code mlx.optimizers.Adam}: {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g^2},
 * {@code w = w - lr m / (sqrt(v) + eps)}; without bias correction unless asked, as MLX. Slots: {@code m},
 * {@code v}.
 */
public class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final boolean biasCorrection;

    /**
     * Adam with MLX's defaults (betas 0.9 and 0.999, eps 1e-8, no bias correction).
     *
     * @param learningRate the learning rate
     */
    public Adam(double learningRate) { this(learningRate, 0.9, 0.999, 1e-8, false); }

    /**
     * Adam.
     *
     * @param learningRate the learning rate
     * @param beta1 the decay of the first moment
     * @param beta2 the decay of the second moment
     * @param eps added to the denominator
     * @param biasCorrection whether to correct the moments' bias
     */
    public Adam(double learningRate, double beta1, double beta2, double eps, boolean biasCorrection) {
        this(beta1, beta2, eps, biasCorrection);
        hyperParameter("learning_rate", learningRate);
    }

    /**
     * Adam with a scheduled learning rate.
     *
     * @param learningRate the learning-rate schedule
     * @param beta1 the decay of the first moment
     * @param beta2 the decay of the second moment
     * @param eps added to the denominator
     * @param biasCorrection whether to correct the moments' bias
     */
    public Adam(Schedule learningRate, double beta1, double beta2, double eps, boolean biasCorrection) {
        this(beta1, beta2, eps, biasCorrection);
        hyperParameter("learning_rate", learningRate);
    }

    private Adam(double beta1, double beta2, double eps, boolean biasCorrection) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.biasCorrection = biasCorrection;
    }

    @Override
    protected void initSingle(Array parameter, Map<String, Array> slots) {
        slots.put("m", Mx.zerosLike(parameter));
        slots.put("v", Mx.zerosLike(parameter));
    }

    @Override
    protected Array applySingle(Array gradient, Array parameter, Map<String, Array> slots) {
        Array lr = learningRate(gradient);
        Array m = slots.get("m").multiply(beta1).add(gradient.multiply(1 - beta1));
        Array v = slots.get("v").multiply(beta2).add(gradient.square().multiply(1 - beta2));
        slots.put("m", m);
        slots.put("v", v);
        if (!biasCorrection) return parameter.subtract(lr.multiply(m).divide(Mx.sqrt(v).add(eps)));
        Array step = step().astype(gradient.dtype());
        Array numerator = lr.divide(Mx.power(beta1, step).negative().add(1.0)).multiply(m);
        Array denominator = Mx.sqrt(v).divide(Mx.sqrt(Mx.power(beta2, step).negative().add(1.0))).add(eps);
        return parameter.subtract(numerator.divide(denominator));
    }
}
