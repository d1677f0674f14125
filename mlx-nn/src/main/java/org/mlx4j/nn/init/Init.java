package org.mlx4j.nn.init;

import java.util.Arrays;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;

/**
 * MLX's initialisers ({@code mlx.nn.init}): each returns an {@link Initializer} that makes an array shaped like its
 * argument, in the given dtype.
 *
 * <pre>{@code
 * Array w = Init.glorotUniform(DType.FLOAT32, 1.0).apply(Mx.zeros(new int[] {64, 32}, DType.FLOAT32), Random.key(0));
 * assert Arrays.equals(w.shape(), new int[] {64, 32});
 * }</pre>
 */
public final class Init {
    private Init() {}

    /**
     * Every element {@code value}. MLX: {@code init.constant}.
     *
     * @param value the value
     * @param dtype the result's dtype
     * @return the initialiser
     */
    public static Initializer constant(double value, DType dtype) {
        return (like, key) -> Mx.full(like.shape(), value, dtype);
    }

    /**
     * Draws from {@code N(mean, std^2)}. MLX: {@code init.normal}.
     *
     * @param mean the mean (MLX's default 0)
     * @param std the standard deviation (MLX's default 1)
     * @param dtype the result's dtype
     * @return the initialiser
     */
    public static Initializer normal(double mean, double std, DType dtype) {
        return (like, key) -> Random.normal(like.shape(), dtype, mean, std, key);
    }

    /**
     * Draws from {@code U(low, high)}. MLX: {@code init.uniform}.
     *
     * @param low the lower bound (MLX's default 0)
     * @param high the upper bound (MLX's default 1)
     * @param dtype the result's dtype
     * @return the initialiser
     */
    public static Initializer uniform(double low, double high, DType dtype) {
        return (like, key) -> Random.uniform(low, high, like.shape(), dtype, key);
    }

    /**
     * The identity matrix, for square 2-d arrays. MLX: {@code init.identity}.
     *
     * @param dtype the result's dtype
     * @return the initialiser, which throws {@link IllegalArgumentException} for an array that is not square 2-d
     */
    public static Initializer identity(DType dtype) {
        return (like, key) -> {
            int[] s = like.shape();
            if (s.length != 2 || s[0] != s[1]) {
                throw new IllegalArgumentException("init.identity: the array must be square 2-d, got " + Arrays.toString(s));
            }
            return Mx.eye(s[0], s[1], 0, dtype);
        };
    }

    /**
     * Glorot (Xavier) normal: {@code N(0, gain^2 * 2 / (fanIn + fanOut))}. MLX: {@code init.glorot_normal}.
     *
     * @param dtype the result's dtype
     * @param gain the scale (MLX's default 1)
     * @return the initialiser, which needs an array of at least 2 dimensions
     */
    public static Initializer glorotNormal(DType dtype, double gain) {
        return (like, key) -> {
            int[] fans = fans("glorot_normal", like);
            return Random.normal(like.shape(), dtype, 0.0, gain * Math.sqrt(2.0 / (fans[0] + fans[1])), key);
        };
    }

    /**
     * Glorot (Xavier) uniform: {@code U(-a, a)} with {@code a = gain * sqrt(6 / (fanIn + fanOut))}.
     * MLX: {@code init.glorot_uniform}.
     *
     * @param dtype the result's dtype
     * @param gain the scale (MLX's default 1)
     * @return the initialiser, which needs an array of at least 2 dimensions
     */
    public static Initializer glorotUniform(DType dtype, double gain) {
        return (like, key) -> {
            int[] fans = fans("glorot_uniform", like);
            double limit = gain * Math.sqrt(6.0 / (fans[0] + fans[1]));
            return Random.uniform(-limit, limit, like.shape(), dtype, key);
        };
    }

    /**
     * He (Kaiming) normal: {@code N(0, gain^2 / fan)}, {@code fan} the fan-in or fan-out. MLX: {@code init.he_normal}.
     *
     * @param dtype the result's dtype
     * @param fanOut whether the fan is the fan-out (MLX's default: the fan-in)
     * @param gain the scale (MLX's default 1)
     * @return the initialiser, which needs an array of at least 2 dimensions
     */
    public static Initializer heNormal(DType dtype, boolean fanOut, double gain) {
        return (like, key) -> {
            int[] fans = fans("he_normal", like);
            return Random.normal(like.shape(), dtype, 0.0, gain / Math.sqrt(fans[fanOut ? 1 : 0]), key);
        };
    }

    /**
     * He (Kaiming) uniform: {@code U(-a, a)} with {@code a = gain * sqrt(3 / fan)}. MLX: {@code init.he_uniform}.
     *
     * @param dtype the result's dtype
     * @param fanOut whether the fan is the fan-out (MLX's default: the fan-in)
     * @param gain the scale (MLX's default 1)
     * @return the initialiser, which needs an array of at least 2 dimensions
     */
    public static Initializer heUniform(DType dtype, boolean fanOut, double gain) {
        return (like, key) -> {
            int[] fans = fans("he_uniform", like);
            double limit = gain * Math.sqrt(3.0 / fans[fanOut ? 1 : 0]);
            return Random.uniform(-limit, limit, like.shape(), dtype, key);
        };
    }

    /** {@code {fanIn, fanOut}} as MLX counts them: the last and first axes, times the axes between. */
    static int[] fans(String name, Array a) {
        int[] s = a.shape();
        if (s.length < 2) {
            throw new IllegalArgumentException("init." + name + ": needs an array of at least 2 dimensions, got "
                    + Arrays.toString(s));
        }
        int receptive = 1;
        for (int i = 1; i < s.length - 1; i++) receptive *= s[i];
        return new int[] {s[s.length - 1] * receptive, s[0] * receptive};
    }
}
