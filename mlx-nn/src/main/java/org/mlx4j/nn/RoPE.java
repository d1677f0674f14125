package org.mlx4j.nn;

import org.mlx4j.core.Array;
import org.mlx4j.core.Fast;

/**
 * Rotary positional encoding of the first {@code dims} features of the last axis, as MLX's {@code nn.RoPE}, through
 * the fused {@link Fast#rope}: pairs of features are rotated by {@code position * scale * base^(-2i / dims)};
 * {@code traditional} rotates consecutive pairs, otherwise the two halves. No parameters.
 */
public class RoPE extends Module implements UnaryLayer {
    private final int dims;
    private final boolean traditional;
    private final double base;
    private final double scale;

    /**
     * The encoding with MLX's defaults: not traditional, base 10000, scale 1.
     *
     * @param dims the features rotated
     */
    public RoPE(int dims) { this(dims, false, 10000, 1.0); }

    /**
     * The encoding.
     *
     * @param dims the features rotated (even)
     * @param traditional whether consecutive pairs are rotated
     * @param base the frequency base
     * @param scale the position scale
     */
    public RoPE(int dims, boolean traditional, double base, double scale) {
        Layers.checkPositive("RoPE", "dims", dims);
        this.dims = dims;
        this.traditional = traditional;
        this.base = base;
        this.scale = scale;
    }

    /** Encodes {@code [..., L, D]} from position 0. */
    @Override
    public Array forward(Array x) { return forward(x, 0); }

    /**
     * Encodes {@code [..., L, D]} whose first position is {@code offset} (a KV cache's length).
     *
     * @param x the input
     * @param offset the first position
     * @return the encoded input
     */
    public Array forward(Array x, int offset) { return Fast.rope(x, dims, traditional, base, scale, offset); }

    @Override
    protected String describe() { return dims + ", traditional=" + traditional; }
}
