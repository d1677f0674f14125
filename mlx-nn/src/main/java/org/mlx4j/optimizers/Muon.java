package org.mlx4j.optimizers;

import java.util.Map;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

/**
 * Muon, momentum orthogonalised by Newton-Schulz, as MLX's {@code mlx.optimizers.Muon}: the momentum
 * {@code v = m v + (1 - m) g} (Nesterov by default) of a parameter with two or more axes (flattened after the first)
 * is replaced by an approximately orthogonal matrix of the same shape (five quintic Newton-Schulz iterations in
 * bfloat16) and the step is scaled by {@code sqrt(max(1, rows / cols))}; vectors get the momentum itself. Weight
 * decay is added to the gradient. Slot: {@code v}.
 */
public class Muon extends Optimizer {
    private static final double A = 3.4445, B = -4.7750, C = 2.0315;
    private final double momentum;
    private final double weightDecay;
    private final boolean nesterov;
    private final int nsSteps;

    /**
     * Muon with MLX's defaults (momentum 0.95, weight decay 0.01, Nesterov, 5 Newton-Schulz steps).
     *
     * @param learningRate the learning rate
     */
    public Muon(double learningRate) { this(learningRate, 0.95, 0.01, true, 5); }

    /**
     * Muon.
     *
     * @param learningRate the learning rate
     * @param momentum the momentum
     * @param weightDecay the weight decay added to the gradient
     * @param nesterov whether to use Nesterov momentum
     * @param nsSteps the number of Newton-Schulz iterations, at least 1
     * @throws IllegalArgumentException if {@code nsSteps} is not positive
     */
    public Muon(double learningRate, double momentum, double weightDecay, boolean nesterov, int nsSteps) {
        if (nsSteps <= 0) throw new IllegalArgumentException("Muon: nsSteps must be positive, got " + nsSteps);
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.nsSteps = nsSteps;
        hyperParameter("learning_rate", learningRate);
    }

    @Override
    protected void initSingle(Array parameter, Map<String, Array> slots) { slots.put("v", Mx.zerosLike(parameter)); }

    @Override
    protected Array applySingle(Array gradient, Array parameter, Map<String, Array> slots) {
        if (weightDecay != 0) gradient = gradient.add(parameter.multiply(weightDecay));
        Array v = slots.get("v").multiply(momentum).add(gradient.multiply(1 - momentum));
        slots.put("v", v);
        Array update = nesterov ? gradient.multiply(1 - momentum).add(v.multiply(momentum)) : v;
        Array lr = learningRate(gradient);
        if (update.ndim() >= 2) {
            int[] shape = update.shape();
            Array matrix = update.ndim() > 2 ? update.reshape(shape[0], -1) : update;
            Array orthogonal = orthogonalize(matrix);
            lr = lr.multiply(Math.sqrt(Math.max(1.0, (double) matrix.shape(0) / matrix.shape(1))));
            update = orthogonal.reshape(shape);
        }
        return parameter.subtract(lr.multiply(update.astype(gradient.dtype())));
    }

    /** The quintic Newton-Schulz iteration towards the orthogonal polar factor of a matrix, in bfloat16. */
    static Array orthogonalize(Array g, int steps) {
        Array x = g.astype(DType.BFLOAT16);
        boolean transpose = x.shape(0) > x.shape(1);
        if (transpose) x = x.T();
        x = x.divide(Mx.sqrt(Mx.sum(x.square())).add(1e-7));
        for (int i = 0; i < steps; i++) {
            Array a = Mx.matmul(x, x.T());
            Array b = a.multiply(B).add(Mx.matmul(a, a).multiply(C));
            x = x.multiply(A).add(Mx.matmul(b, x));
        }
        return transpose ? x.T() : x;
    }

    private Array orthogonalize(Array g) { return orthogonalize(g, nsSteps); }
}
