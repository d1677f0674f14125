package org.mlx4j.nn;

import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

/**
 * Attention with linear biases (Press et al.), as MLX's {@code nn.ALiBi}: adds {@code -slope_h * |i - j|} to the
 * attention scores {@code [B, heads, L, S]} of head {@code h}, with the paper's geometric slopes. It has no
 * parameters.
 */
public class ALiBi extends Module {
    /** The layer. */
    public ALiBi() {}

    /**
     * The slopes of {@code numHeads} heads: a geometric sequence starting at {@code 2^(-8 / n)} for the largest
     * power of two {@code n} not above {@code numHeads}, then every other slope of {@code 2n} heads for the rest.
     *
     * @param numHeads the number of heads
     * @return the slopes
     */
    public static double[] slopes(int numHeads) {
        Layers.checkPositive("ALiBi", "numHeads", numHeads);
        int pow2 = Integer.highestOneBit(numHeads);
        double[] out = new double[numHeads];
        double start = Math.pow(2, -Math.pow(2, -(log2(pow2) - 3)));
        for (int i = 0; i < pow2; i++) out[i] = start * Math.pow(start, i);
        if (pow2 < numHeads) {
            double[] extra = slopes(2 * pow2);
            for (int i = 0; i < numHeads - pow2; i++) out[pow2 + i] = extra[2 * i];
        }
        return out;
    }

    private static double log2(int n) { return Math.log(n) / Math.log(2); }

    /**
     * Adds the biases (and a mask) to attention scores.
     *
     * @param scores {@code [B, heads, L, S]}
     * @param offset the position of the first query (a KV cache's length)
     * @param mask an additive mask, or null
     * @return the biased scores
     * @throws IllegalArgumentException if {@code scores} is not 4-d
     */
    public Array forward(Array scores, int offset, Array mask) {
        if (scores.ndim() != 4) {
            throw new IllegalArgumentException("ALiBi: expected scores [B, heads, L, S], got " + java.util.Arrays.toString(scores.shape()));
        }
        int heads = scores.shape(1), l = scores.shape(2), s = scores.shape(3);
        Array q = Mx.arange(offset, offset + l, 1).astype(DType.FLOAT32);
        Array k = Mx.arange(0, s, 1).astype(DType.FLOAT32);
        Array distance = Mx.abs(Mx.expandDims(q, 1).subtract(Mx.expandDims(k, 0))).negative();
        Array slope = Mx.array(slopes(heads), DType.FLOAT32, heads, 1, 1);
        Array bias = distance.multiply(slope).astype(scores.dtype());
        if (mask != null) bias = bias.add(mask);
        return scores.add(bias);
    }
}
