package org.mlx4j.nn;

import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;

/**
 * The activation functions of MLX's {@code mlx.nn}, each with MLX's formula and defaults; every one also exists as a
 * layer ({@link ReLU}, {@link GELU}, ...).
 */
public final class Activations {
    private static final double SQRT_2 = Math.sqrt(2.0);

    private Activations() {}

    /**
     * {@code 1 / (1 + exp(-x))}. MLX: {@code nn.sigmoid}.
     *
     * @param x the input
     * @return the activation
     */
    public static Array sigmoid(Array x) { return Mx.sigmoid(x); }

    /**
     * {@code max(x, 0)}. MLX: {@code nn.relu}.
     *
     * @param x the input
     * @return the activation
     */
    public static Array relu(Array x) { return Mx.maximum(x, 0.0); }

    /**
     * {@code min(max(x, 0), 6)}. MLX: {@code nn.relu6}.
     *
     * @param x the input
     * @return the activation
     */
    public static Array relu6(Array x) { return Mx.minimum(Mx.maximum(x, 0.0), 6.0); }

    /**
     * {@code max(negativeSlope * x, x)}. MLX: {@code nn.leaky_relu}.
     *
     * @param x the input
     * @param negativeSlope the slope for negative inputs (MLX's default 0.01)
     * @return the activation
     */
    public static Array leakyRelu(Array x, double negativeSlope) { return Mx.maximum(x.multiply(negativeSlope), x); }

    /**
     * {@code max(0, x) + alpha * min(0, x)} with a learned {@code alpha}. MLX: {@code nn.prelu}.
     *
     * @param x the input
     * @param alpha the slopes, broadcast against {@code x}
     * @return the activation
     */
    public static Array prelu(Array x, Array alpha) {
        return Mx.maximum(x, 0.0).add(alpha.multiply(Mx.minimum(x, 0.0)));
    }

    /**
     * {@code x} where positive, else {@code alpha * (exp(x) - 1)}. MLX: {@code nn.elu}.
     *
     * @param x the input
     * @param alpha the scale of the negative part (MLX's default 1.0)
     * @return the activation
     */
    public static Array elu(Array x, double alpha) {
        return Mx.where(Mx.greater(x, 0.0), x, Mx.expm1(x).multiply(alpha));
    }

    /**
     * {@code max(0, x) + alpha * (exp(min(0, x) / alpha) - 1)}. MLX: {@code nn.celu}.
     *
     * @param x the input
     * @param alpha the scale (MLX's default 1.0)
     * @return the activation
     */
    public static Array celu(Array x, double alpha) {
        return Mx.maximum(x, 0.0).add(Mx.expm1(Mx.minimum(x, 0.0).divide(alpha)).multiply(alpha));
    }

    /**
     * {@code 1.0507 * elu(x, 1.67326)}. MLX: {@code nn.selu}.
     *
     * @param x the input
     * @return the activation
     */
    public static Array selu(Array x) { return elu(x, 1.67326).multiply(1.0507); }

    /**
     * {@code x * sigmoid(x)}. MLX: {@code nn.silu}.
     *
     * @param x the input
     * @return the activation
     */
    public static Array silu(Array x) { return x.multiply(Mx.sigmoid(x)); }

    /**
     * {@code log(1 + exp(x))}, computed as {@code logaddexp(x, 0)}. MLX: {@code nn.softplus}.
     *
     * @param x the input
     * @return the activation
     */
    public static Array softplus(Array x) { return Mx.logaddexp(x, 0.0); }

    /**
     * {@code x / (1 + |x|)}. MLX: {@code nn.softsign}.
     *
     * @param x the input
     * @return the activation
     */
    public static Array softsign(Array x) { return x.divide(Mx.abs(x).add(1.0)); }

    /**
     * {@code x - sign(x) * lambda} where {@code |x| > lambda}, else 0. MLX: {@code nn.softshrink}.
     *
     * @param x the input
     * @param lambda the threshold (MLX's default 0.5)
     * @return the activation
     */
    public static Array softshrink(Array x, double lambda) {
        return Mx.where(Mx.greater(Mx.abs(x), lambda), x.subtract(Mx.sign(x).multiply(lambda)), 0.0);
    }

    /**
     * {@code x} where {@code |x| > lambda}, else 0. MLX: {@code nn.hard_shrink}.
     *
     * @param x the input
     * @param lambda the threshold (MLX's default 0.5)
     * @return the activation
     */
    public static Array hardShrink(Array x, double lambda) {
        return Mx.where(Mx.greater(Mx.abs(x), lambda), x, 0.0);
    }

    /**
     * {@code min(max(x, min), max)}. MLX: {@code nn.hard_tanh}.
     *
     * @param x the input
     * @param min the lower bound (MLX's default -1)
     * @param max the upper bound (MLX's default 1)
     * @return the activation
     */
    public static Array hardTanh(Array x, double min, double max) { return Mx.minimum(Mx.maximum(x, min), max); }

    /**
     * {@code x * min(max(x + 3, 0), 6) / 6}. MLX: {@code nn.hardswish}.
     *
     * @param x the input
     * @return the activation
     */
    public static Array hardswish(Array x) {
        return x.multiply(Mx.minimum(Mx.maximum(x.add(3.0), 0.0), 6.0)).divide(6.0);
    }

    /**
     * {@code x * tanh(softplus(x))}. MLX: {@code nn.mish}.
     *
     * @param x the input
     * @return the activation
     */
    public static Array mish(Array x) { return x.multiply(Mx.tanh(softplus(x))); }

    /**
     * {@code -softplus(-x)}. MLX: {@code nn.log_sigmoid}.
     *
     * @param x the input
     * @return the activation
     */
    public static Array logSigmoid(Array x) { return softplus(x.negative()).negative(); }

    /**
     * The exact GELU, {@code x * (1 + erf(x / sqrt(2))) / 2}. MLX: {@code nn.gelu}.
     *
     * @param x the input
     * @return the activation
     */
    public static Array gelu(Array x) { return x.multiply(Mx.erf(x.divide(SQRT_2)).add(1.0)).divide(2.0); }

    /**
     * The tanh approximation of GELU,
     * {@code 0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))}. MLX: {@code nn.gelu_approx}.
     *
     * @param x the input
     * @return the activation
     */
    public static Array geluApprox(Array x) {
        Array inner = x.add(Mx.power(x, 3.0).multiply(0.044715)).multiply(Math.sqrt(2 / Math.PI));
        return x.multiply(Mx.tanh(inner).add(1.0)).multiply(0.5);
    }

    /**
     * The sigmoid approximation of GELU, {@code x * sigmoid(1.702 * x)}. MLX: {@code nn.gelu_fast_approx}.
     *
     * @param x the input
     * @return the activation
     */
    public static Array geluFastApprox(Array x) { return x.multiply(Mx.sigmoid(x.multiply(1.702))); }

    /**
     * The gated linear unit: the input split in two halves {@code a, b} along {@code axis}, then
     * {@code a * sigmoid(b)}. MLX: {@code nn.glu}.
     *
     * @param x the input, with an even length along {@code axis}
     * @param axis the axis to split (MLX's default -1)
     * @return the activation
     * @throws IllegalArgumentException if the axis length is odd
     */
    public static Array glu(Array x, int axis) {
        if (x.shape(axis) % 2 != 0) {
            throw new IllegalArgumentException("glu: axis " + axis + " of shape " + java.util.Arrays.toString(x.shape())
                    + " must have an even length");
        }
        List<Array> halves = Mx.split(x, 2, axis);
        return halves.get(0).multiply(Mx.sigmoid(halves.get(1)));
    }

    /**
     * 1 where {@code x > threshold}, else 0, as INT32. MLX: {@code nn.step}.
     *
     * @param x the input
     * @param threshold the threshold (MLX's default 0)
     * @return the step function
     */
    public static Array step(Array x, double threshold) {
        return Mx.greater(x, threshold).astype(org.mlx4j.core.DType.INT32);
    }

    /**
     * {@code tanh(x)}. MLX: {@code nn.tanh}.
     *
     * @param x the input
     * @return the activation
     */
    public static Array tanh(Array x) { return Mx.tanh(x); }

    /**
     * The softmax along {@code axis}. MLX: {@code nn.softmax}.
     *
     * @param x the input
     * @param axis the axis (MLX's default -1)
     * @return the activation
     */
    public static Array softmax(Array x, int axis) { return Mx.softmax(x, axis); }

    /**
     * {@code softmax(-x)} along {@code axis}. MLX: {@code nn.softmin}.
     *
     * @param x the input
     * @param axis the axis (MLX's default -1)
     * @return the activation
     */
    public static Array softmin(Array x, int axis) { return Mx.softmax(x.negative(), axis); }

    /**
     * {@code x - logsumexp(x)} along {@code axis}. MLX: {@code nn.log_softmax}.
     *
     * @param x the input
     * @param axis the axis (MLX's default -1)
     * @return the activation
     */
    public static Array logSoftmax(Array x, int axis) {
        return x.subtract(Mx.logsumexp(x, new int[] {axis}, true));
    }
}
