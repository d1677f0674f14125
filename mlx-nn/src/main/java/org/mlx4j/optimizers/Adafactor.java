package org.mlx4j.optimizers;

import java.util.Arrays;
import java.util.Map;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;

/**
 * Adafactor (Shazeer and Stern, 2018), as MLX's {@code mlx.optimizers.Adafactor}: the second moment of a matrix is
 * kept factored as row and column averages ({@code exp_avg_sq_row}, {@code exp_avg_sq_col}; a vector keeps
 * {@code exp_avg_sq}), the update is clipped by its root mean square, and by default the step size is relative
 * ({@code min(1e-2, 1 / sqrt(step))}) and scaled by the parameter's root mean square. With {@code beta1} it keeps a
 * first moment {@code exp_avg} too.
 */
public class Adafactor extends Optimizer {
    /**
     * Adafactor's settings; {@link #defaults()} gives MLX's.
     *
     * @param learningRate the learning rate, or null for relative steps only
     * @param eps1 added to the squared gradient
     * @param eps2 the smallest parameter scale
     * @param clipThreshold the largest root mean square of the unscaled update
     * @param decayRate the exponent of the second-moment decay, {@code beta2 = 1 - step ^ decayRate}
     * @param beta1 the first-moment decay, or null for no first moment
     * @param weightDecay the weight decay
     * @param scaleParameter whether the step is scaled by the parameter's root mean square
     * @param relativeStep whether the step size is {@code min(1e-2, 1 / sqrt(step))} instead of the learning rate
     * @param warmupInit whether the relative step starts at {@code 1e-6 * step}
     */
    public record Settings(Double learningRate, double eps1, double eps2, double clipThreshold, double decayRate,
                           Double beta1, double weightDecay, boolean scaleParameter, boolean relativeStep,
                           boolean warmupInit) {
        /**
         * MLX's defaults: no learning rate (relative steps), eps (1e-30, 1e-3), clip threshold 1, decay rate -0.8,
         * no first moment, no weight decay, parameter scaling, no warm-up.
         *
         * @return the default settings
         */
        public static Settings defaults() {
            return new Settings(null, 1e-30, 1e-3, 1.0, -0.8, null, 0.0, true, true, false);
        }
    }

    private final Settings s;

    /** Adafactor with MLX's defaults. */
    public Adafactor() { this(Settings.defaults()); }

    /**
     * Adafactor.
     *
     * @param settings the settings
     * @throws IllegalArgumentException if relative steps are off and there is no learning rate
     */
    public Adafactor(Settings settings) {
        this.s = settings;
        if (settings.learningRate() != null) hyperParameter("learning_rate", settings.learningRate());
        else if (!settings.relativeStep()) {
            throw new IllegalArgumentException("Adafactor: without relative steps a learning rate is needed");
        }
    }

    @Override
    protected void initSingle(Array parameter, Map<String, Array> slots) {
        int[] shape = parameter.shape();
        if (shape.length >= 2) {
            slots.put("exp_avg_sq_row", Mx.zeros(Arrays.copyOf(shape, shape.length - 1), parameter.dtype()));
            int[] col = Arrays.copyOf(shape, shape.length - 1);
            col[col.length - 1] = shape[shape.length - 1];
            slots.put("exp_avg_sq_col", Mx.zeros(col, parameter.dtype()));
        } else {
            slots.put("exp_avg_sq", Mx.zerosLike(parameter));
        }
        if (s.beta1() != null) slots.put("exp_avg", Mx.zerosLike(parameter));
    }

    private static Array rms(Array x) { return Mx.sqrt(Mx.mean(x.square())); }

    @Override
    protected Array applySingle(Array gradient, Array parameter, Map<String, Array> slots) {
        Array stepF = step().astype(gradient.dtype());
        Array parameterRms = rms(parameter);
        Array relative = s.relativeStep()
                ? Mx.minimum(s.warmupInit() ? stepF.multiply(1e-6) : Mx.fullLike(parameterRms, 1e-2), Mx.rsqrt(stepF))
                : learningRate(parameterRms);
        Array lr = s.scaleParameter() ? Mx.maximum(parameterRms, s.eps2()).multiply(relative) : relative;
        Array beta2 = Mx.power(stepF, s.decayRate()).negative().add(1.0);
        Array update = gradient.square().add(s.eps1());
        if (gradient.ndim() >= 2) {
            Array row = slots.get("exp_avg_sq_row").multiply(beta2).add(beta2.negative().add(1.0).multiply(Mx.mean(update, -1)));
            Array col = slots.get("exp_avg_sq_col").multiply(beta2).add(beta2.negative().add(1.0).multiply(Mx.mean(update, -2)));
            slots.put("exp_avg_sq_row", row);
            slots.put("exp_avg_sq_col", col);
            Array rFactor = Mx.rsqrt(row.divide(Mx.mean(row, new int[] {-1}, true)));
            Array cFactor = Mx.rsqrt(col);
            update = Mx.matmul(Mx.expandDims(rFactor, -1), Mx.expandDims(cFactor, 0)).multiply(gradient);
        } else {
            Array avg = slots.get("exp_avg_sq").multiply(beta2).add(beta2.negative().add(1.0).multiply(update));
            slots.put("exp_avg_sq", avg);
            update = Mx.rsqrt(avg).multiply(gradient);
        }
        update = update.divide(Mx.maximum(rms(update).divide(s.clipThreshold()), 1.0));
        update = lr.multiply(update);
        if (s.beta1() != null) {
            Array avg = slots.get("exp_avg").multiply(s.beta1()).add(update.multiply(1 - s.beta1()));
            slots.put("exp_avg", avg);
            update = avg;
        }
        if (s.weightDecay() != 0) parameter = parameter.add(parameter.multiply(lr.multiply(-s.weightDecay())));
        return parameter.subtract(update);
    }
}
