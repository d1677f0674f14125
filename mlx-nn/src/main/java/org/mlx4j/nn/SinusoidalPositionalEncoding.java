package org.mlx4j.nn;

import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

/**
 * Sinusoidal positional encoding, as MLX's {@code nn.SinusoidalPositionalEncoding}: a position {@code p} becomes
 * {@code [sin(p s_i); cos(p s_i)]} (or cosines first) times {@code scale}, with {@code dims / 2} frequencies
 * {@code s_i} spaced geometrically from {@code maxFreq} down to {@code minFreq} (times {@code 2 pi} with
 * {@code fullTurns}). It has no parameters.
 */
public class SinusoidalPositionalEncoding extends Module implements UnaryLayer {
    private final double scale;
    private final boolean cosFirst;

    /**
     * MLX's defaults: frequencies from 1 down to 1e-4, scale {@code sqrt(2 / dims)}, sines first.
     *
     * @param dims the encoding's size, even and at least 4
     */
    public SinusoidalPositionalEncoding(int dims) { this(dims, 1e-4, 1, Math.sqrt(2.0 / dims), false, false); }

    /**
     * The encoding.
     *
     * @param dims the encoding's size, even and at least 4
     * @param minFreq the lowest frequency
     * @param maxFreq the highest frequency
     * @param scale the factor applied to the encoding
     * @param cosFirst whether the cosines come first
     * @param fullTurns whether the frequencies are multiplied by {@code 2 pi}
     * @throws IllegalArgumentException if {@code dims} is odd or below 4
     */
    public SinusoidalPositionalEncoding(int dims, double minFreq, double maxFreq, double scale, boolean cosFirst,
                                        boolean fullTurns) {
        if (dims < 4 || dims % 2 != 0) {
            throw new IllegalArgumentException("SinusoidalPositionalEncoding: dims must be even and at least 4, got " + dims);
        }
        int half = dims / 2;
        double logMin = Math.log(minFreq), logMax = Math.log(maxFreq);
        double[] sigmas = new double[half];
        for (int i = 0; i < half; i++) {
            double oneZero = 1 - (double) i / (half - 1);
            sigmas[i] = Math.exp(oneZero * (logMax - logMin) + logMin) * (fullTurns ? 2 * Math.PI : 1);
        }
        register("_sigmas", Mx.array(sigmas, DType.FLOAT32, half));
        this.scale = scale;
        this.cosFirst = cosFirst;
    }

    /**
     * Encodes positions.
     *
     * @param x positions of any shape
     * @return {@code [x.shape..., dims]}
     */
    @Override
    public Array forward(Array x) {
        Array y = Mx.expandDims(x, -1).multiply(array("_sigmas"));
        Array sin = Mx.sin(y), cos = Mx.cos(y);
        y = Mx.concatenate(cosFirst ? List.of(cos, sin) : List.of(sin, cos), -1);
        return scale == 1 ? y : y.multiply(scale);
    }
}
