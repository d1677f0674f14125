package org.mlx4j.core;

import java.util.ArrayList;
import java.util.List;
import org.mlx4j.core.primitives.FastAttention;
import org.mlx4j.core.primitives.FastLayerNorm;
import org.mlx4j.core.primitives.FastRmsNorm;
import org.mlx4j.core.primitives.FastRope;

/**
 * Fused operations, MLX's {@code mlx.core.fast}: RMS and layer normalisation, rotary positional
 * encoding and scaled dot-product attention. Each runs as one CPU kernel (Vector API lanes, spread over
 * rows, positions or heads) instead of a chain of separate ops, and computes what that chain computes:
 * float16 and bfloat16 inputs accumulate in float32, float64 in float64. Each op has derivative rules
 * (vjp and jvp, so {@link Mx#grad} and {@link Mx#jvp} work and compose) and a {@link Mx#vmap} rule.
 *
 * <pre>{@code
 * Array x = Mx.array(new float[] {1, 2, 3, 4}, 1, 4);
 * Array y = Fast.rmsNorm(x, null, 1e-5);
 * Array q = Mx.ones(1, 32, 1, 64), kv = Mx.ones(1, 8, 10, 64); // grouped heads: 32 queries, 8 keys
 * Array o = Fast.scaledDotProductAttention(q, kv, kv, 0.125, "causal");
 * System.out.println(java.util.Arrays.toString(y.shape()) + " " + java.util.Arrays.toString(o.shape())); // [1, 4] [1, 32, 1, 64]
 * }</pre>
 *
 * <p>Bad input (wrong ranks or extents, non-floating dtypes, an odd rope dimension, key and query heads
 * that do not group) gives an {@link IllegalArgumentException} naming the operation, the shapes or
 * dtypes and what is valid.
 */
public final class Fast {
    private Fast() {}

    /**
     * Root-mean-square normalisation over the last axis: {@code x * rsqrt(mean(x^2, -1) + eps) * weight}.
     * MLX: {@code mx.fast.rms_norm}.
     *
     * @param x a floating array with at least one axis
     * @param weight per-feature scale of shape {@code [x.shape(-1)]}, or null for none
     * @param eps added to the mean square
     * @return an array of {@code x}'s shape, of the promoted dtype of {@code x} and {@code weight}
     * @throws IllegalArgumentException if {@code x} is not floating or a scalar, or {@code weight} is not
     *     floating or not one-dimensional of the last axis's extent
     */
    public static Array rmsNorm(Array x, Array weight, double eps) {
        String op = "rms_norm";
        requireFloating(op, "x", x);
        if (x.ndim() == 0) throw new IllegalArgumentException(op + ": x must have at least one axis, got a scalar");
        DType t = x.dtype();
        if (weight != null) {
            requireFeatureVector(op, "weight", weight, x);
            t = DType.promote(t, weight.dtype());
        }
        List<Array> in = new ArrayList<>(List.of(Ops.astype(x, t)));
        if (weight != null) in.add(Ops.astype(weight, t));
        return Ops.make(new FastRmsNorm(eps), x.shape(), t, in.toArray(new Array[0]));
    }

    /**
     * Layer normalisation over the last axis: {@code (x - mean) * rsqrt(var + eps) * weight + bias}, the
     * variance biased (divided by the extent). MLX: {@code mx.fast.layer_norm}.
     *
     * @param x a floating array with at least one axis
     * @param weight per-feature scale of shape {@code [x.shape(-1)]}, or null for none
     * @param bias per-feature offset of shape {@code [x.shape(-1)]}, or null for none
     * @param eps added to the variance
     * @return an array of {@code x}'s shape, of the promoted dtype of {@code x}, {@code weight} and {@code bias}
     * @throws IllegalArgumentException if {@code x} is not floating or a scalar, or {@code weight} or
     *     {@code bias} is not floating or not one-dimensional of the last axis's extent
     */
    public static Array layerNorm(Array x, Array weight, Array bias, double eps) {
        String op = "layer_norm";
        requireFloating(op, "x", x);
        if (x.ndim() == 0) throw new IllegalArgumentException(op + ": x must have at least one axis, got a scalar");
        DType t = x.dtype();
        if (weight != null) {
            requireFeatureVector(op, "weight", weight, x);
            t = DType.promote(t, weight.dtype());
        }
        if (bias != null) {
            requireFeatureVector(op, "bias", bias, x);
            t = DType.promote(t, bias.dtype());
        }
        List<Array> in = new ArrayList<>(List.of(Ops.astype(x, t)));
        if (weight != null) in.add(Ops.astype(weight, t));
        if (bias != null) in.add(Ops.astype(bias, t));
        return Ops.make(new FastLayerNorm(eps, weight != null, bias != null), x.shape(), t, in.toArray(new Array[0]));
    }

    /**
     * Rotary positional encoding (RoPE) of the first {@code dims} features of the last axis, positions
     * running along the second-to-last axis from {@code offset}: feature pair {@code i} turns by
     * {@code (offset + t) * scale / base^(2i / dims)}. Pairs are adjacent features {@code (2i, 2i + 1)} when
     * {@code traditional}, else {@code (i, i + dims / 2)}; features past {@code dims} pass unchanged.
     * MLX: {@code mx.fast.rope}.
     *
     * @param x a floating array of rank 3 or more, {@code [..., T, D]}
     * @param dims how many features to rotate: even, from 2 to {@code D}
     * @param traditional whether pairs are adjacent features
     * @param base the base of the geometric frequencies
     * @param scale multiplies the positions
     * @param offset the position of the first row
     * @return the rotated array, of {@code x}'s shape and dtype
     * @throws IllegalArgumentException if {@code x} is not floating or has rank below 3, or {@code dims}
     *     is odd or out of range
     */
    public static Array rope(Array x, int dims, boolean traditional, double base, double scale, int offset) {
        return rope(x, dims, traditional, base, scale, Mx.array(offset));
    }

    /**
     * {@link #rope(Array, int, boolean, double, double, int)} with the offset as an array (what a compiled
     * decode step passes): one integer, or one per entry of {@code x}'s first axis. MLX:
     * {@code mx.fast.rope} with an array {@code offset}.
     *
     * @param x a floating array of rank 3 or more, {@code [B, ..., T, D]}
     * @param dims how many features to rotate: even, from 2 to {@code D}
     * @param traditional whether pairs are adjacent features
     * @param base the base of the geometric frequencies
     * @param scale multiplies the positions
     * @param offset an integer array of one element, or of shape {@code [B]}
     * @return the rotated array, of {@code x}'s shape and dtype
     * @throws IllegalArgumentException on bad {@code x} or {@code dims} (as the int overload), or an offset
     *     that is not integer or not of one element or {@code [B]}
     */
    public static Array rope(Array x, int dims, boolean traditional, double base, double scale, Array offset) {
        checkRope(x, dims, offset);
        return Ops.make(new FastRope(dims, traditional, base, scale, true, false), x.shape(), x.dtype(), x, offset);
    }

    /**
     * {@link #rope(Array, int, boolean, double, double, int)} with custom frequencies instead of a base:
     * pair {@code i} turns by {@code position / freqs[i]}. MLX: {@code mx.fast.rope} with {@code freqs}.
     *
     * @param x a floating array of rank 3 or more, {@code [..., T, D]}
     * @param dims how many features to rotate: even, from 2 to {@code D}
     * @param traditional whether pairs are adjacent features
     * @param freqs a floating array of shape {@code [dims / 2]}
     * @param scale multiplies the positions
     * @param offset the position of the first row
     * @return the rotated array, of {@code x}'s shape and dtype
     * @throws IllegalArgumentException on bad {@code x} or {@code dims}, or {@code freqs} not floating of
     *     shape {@code [dims / 2]}
     */
    public static Array rope(Array x, int dims, boolean traditional, Array freqs, double scale, int offset) {
        return rope(x, dims, traditional, freqs, scale, Mx.array(offset));
    }

    /**
     * Rotary encoding with custom frequencies and an array offset. MLX: {@code mx.fast.rope} with
     * {@code freqs} and an array {@code offset}.
     *
     * @param x a floating array of rank 3 or more, {@code [B, ..., T, D]}
     * @param dims how many features to rotate: even, from 2 to {@code D}
     * @param traditional whether pairs are adjacent features
     * @param freqs a floating array of shape {@code [dims / 2]}
     * @param scale multiplies the positions
     * @param offset an integer array of one element, or of shape {@code [B]}
     * @return the rotated array, of {@code x}'s shape and dtype
     * @throws IllegalArgumentException on bad {@code x}, {@code dims}, {@code freqs} or {@code offset}
     */
    public static Array rope(Array x, int dims, boolean traditional, Array freqs, double scale, Array offset) {
        checkRope(x, dims, offset);
        requireFloating("rope", "freqs", freqs);
        if (freqs.ndim() != 1 || freqs.shape(0) != dims / 2) {
            throw new IllegalArgumentException("rope: freqs must be one-dimensional with dims / 2 = " + dims / 2
                    + " elements, got shape " + Shapes.str(freqs.shape()));
        }
        return Ops.make(new FastRope(dims, traditional, 0, scale, true, true), x.shape(), x.dtype(), x, offset, freqs);
    }

    /**
     * Scaled dot-product attention without a mask: {@code softmax(scale * q k^T) v} per head, with
     * grouped-query attention when {@code Hq > Hkv} (query head {@code h} uses key head
     * {@code h / (Hq / Hkv)}). MLX: {@code mx.fast.scaled_dot_product_attention}.
     *
     * @param q queries {@code [B, Hq, L, D]}
     * @param k keys {@code [B, Hkv, S, D]}
     * @param v values {@code [B, Hkv, S, Dv]}
     * @param scale multiplies the scores, usually {@code 1 / sqrt(D)}
     * @return {@code [B, Hq, L, Dv]} of the promoted dtype of {@code q}, {@code k} and {@code v}
     * @throws IllegalArgumentException if an input is not floating or not of rank 4, or the shapes do not agree
     */
    public static Array scaledDotProductAttention(Array q, Array k, Array v, double scale) {
        return attention(q, k, v, scale, false, null, null);
    }

    /**
     * Scaled dot-product attention with a named mask: {@code "causal"} lets query {@code i} see keys
     * {@code j <= i + S - L} (aligned to the end of the keys, as when the queries are the last {@code L}
     * positions), and null means no mask. MLX: {@code mx.fast.scaled_dot_product_attention} with
     * {@code mask="causal"}.
     *
     * @param q queries {@code [B, Hq, L, D]}
     * @param k keys {@code [B, Hkv, S, D]}
     * @param v values {@code [B, Hkv, S, Dv]}
     * @param scale multiplies the scores
     * @param mask {@code "causal"} or null
     * @return {@code [B, Hq, L, Dv]} of the promoted dtype of {@code q}, {@code k} and {@code v}
     * @throws IllegalArgumentException on bad inputs, or a mask name other than {@code "causal"}
     */
    public static Array scaledDotProductAttention(Array q, Array k, Array v, double scale, String mask) {
        return scaledDotProductAttention(q, k, v, scale, mask, null);
    }

    /**
     * Scaled dot-product attention with an array mask: BOOL keeps the scores where true (the others take
     * the dtype's lowest value), any other dtype is added to the scores. MLX:
     * {@code mx.fast.scaled_dot_product_attention} with an array {@code mask}.
     *
     * @param q queries {@code [B, Hq, L, D]}
     * @param k keys {@code [B, Hkv, S, D]}
     * @param v values {@code [B, Hkv, S, Dv]}
     * @param scale multiplies the scores
     * @param mask BOOL, or a floating dtype that promotes to the output's, broadcastable to {@code [B, Hq, L, S]};
     *     null for none
     * @return {@code [B, Hq, L, Dv]} of the promoted dtype of {@code q}, {@code k} and {@code v}
     * @throws IllegalArgumentException on bad inputs, or a mask of another dtype or shape
     */
    public static Array scaledDotProductAttention(Array q, Array k, Array v, double scale, Array mask) {
        return scaledDotProductAttention(q, k, v, scale, mask, null);
    }

    /**
     * Scaled dot-product attention with a named mask and attention sinks: one extra logit per query head
     * that joins every row's softmax (taking part of the weight) and contributes no value. MLX:
     * {@code mx.fast.scaled_dot_product_attention} with {@code sinks}.
     *
     * @param q queries {@code [B, Hq, L, D]}
     * @param k keys {@code [B, Hkv, S, D]}
     * @param v values {@code [B, Hkv, S, Dv]}
     * @param scale multiplies the scores
     * @param mask {@code "causal"} or null
     * @param sinks floating logits of shape {@code [Hq]}, or null for none
     * @return {@code [B, Hq, L, Dv]} of the promoted dtype of {@code q}, {@code k} and {@code v}
     * @throws IllegalArgumentException on bad inputs, a mask name other than {@code "causal"}, or sinks of
     *     another shape
     */
    public static Array scaledDotProductAttention(Array q, Array k, Array v, double scale, String mask, Array sinks) {
        if (mask != null && !mask.equals("causal")) {
            throw new IllegalArgumentException("scaled_dot_product_attention: the mask name must be \"causal\", got \"" + mask + "\"");
        }
        return attention(q, k, v, scale, mask != null, null, sinks);
    }

    /**
     * Scaled dot-product attention with an array mask and attention sinks. MLX:
     * {@code mx.fast.scaled_dot_product_attention} with an array {@code mask} and {@code sinks}.
     *
     * @param q queries {@code [B, Hq, L, D]}
     * @param k keys {@code [B, Hkv, S, D]}
     * @param v values {@code [B, Hkv, S, Dv]}
     * @param scale multiplies the scores
     * @param mask BOOL or additive, broadcastable to {@code [B, Hq, L, S]}; null for none
     * @param sinks floating logits of shape {@code [Hq]}, or null for none
     * @return {@code [B, Hq, L, Dv]} of the promoted dtype of {@code q}, {@code k} and {@code v}
     * @throws IllegalArgumentException on bad inputs, mask or sinks
     */
    public static Array scaledDotProductAttention(Array q, Array k, Array v, double scale, Array mask, Array sinks) {
        return attention(q, k, v, scale, false, mask, sinks);
    }

    private static Array attention(Array q, Array k, Array v, double scale, boolean causal, Array mask, Array sinks) {
        String op = "scaled_dot_product_attention";
        String[] names = {"q", "k", "v"};
        Array[] qkv = {q, k, v};
        DType t = null;
        for (int i = 0; i < 3; i++) {
            requireFloating(op, names[i], qkv[i]);
            if (qkv[i].ndim() != 4) {
                throw new IllegalArgumentException(op + ": " + names[i] + " must have rank 4 ([B, heads, length, head dim]), got shape "
                        + Shapes.str(qkv[i].shape()));
            }
            t = t == null ? qkv[i].dtype() : DType.promote(t, qkv[i].dtype());
        }
        int b = q.shape(0), hq = q.shape(1), l = q.shape(2), d = q.shape(3);
        int hkv = k.shape(1), s = k.shape(2);
        String shapes = "q " + Shapes.str(q.shape()) + ", k " + Shapes.str(k.shape()) + ", v " + Shapes.str(v.shape());
        if (k.shape(0) != b || v.shape(0) != b || v.shape(1) != hkv || v.shape(2) != s || k.shape(3) != d) {
            throw new IllegalArgumentException(op + ": shapes do not agree: " + shapes
                    + " (expected q [B, Hq, L, D], k [B, Hkv, S, D], v [B, Hkv, S, Dv])");
        }
        if (hkv == 0 || hq % hkv != 0) {
            throw new IllegalArgumentException(op + ": the query heads (" + hq + ") must be a multiple of the key heads ("
                    + hkv + "): " + shapes);
        }
        List<Array> in = new ArrayList<>(List.of(Ops.astype(q, t), Ops.astype(k, t), Ops.astype(v, t)));
        if (mask != null) {
            if (mask.dtype() != DType.BOOL && (mask.dtype().isComplex() || DType.promote(mask.dtype(), t) != t)) {
                throw new IllegalArgumentException(op + ": the mask must be bool or promote to the output dtype "
                        + t.mlxName() + ", got " + mask.dtype().mlxName());
            }
            int[] full = {b, hq, l, s};
            if (!java.util.Arrays.equals(broadcastOrNull(mask.shape(), full), full)) {
                throw new IllegalArgumentException(op + ": the mask of shape " + Shapes.str(mask.shape())
                        + " does not broadcast to [B, Hq, L, S] = " + Shapes.str(full));
            }
            in.add(Mx.broadcastTo(mask.dtype() == DType.BOOL ? mask : Ops.astype(mask, t), full));
        }
        if (sinks != null) {
            requireFloating(op, "sinks", sinks);
            if (sinks.ndim() != 1 || sinks.shape(0) != hq) {
                throw new IllegalArgumentException(op + ": sinks must have shape (Hq,) = " + Shapes.str(new int[] {hq}) + ", got "
                        + Shapes.str(sinks.shape()));
            }
            in.add(Ops.astype(sinks, t));
        }
        return Ops.make(new FastAttention(scale, causal, mask != null, sinks != null), new int[] {b, hq, l, v.shape(3)}, t,
                in.toArray(new Array[0]));
    }

    private static int[] broadcastOrNull(int[] a, int[] b) {
        try {
            return Shapes.broadcast("scaled_dot_product_attention", a, b);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void checkRope(Array x, int dims, Array offset) {
        String op = "rope";
        requireFloating(op, "x", x);
        if (x.ndim() < 3) {
            throw new IllegalArgumentException(op + ": x must have at least 3 dimensions, got shape " + Shapes.str(x.shape()));
        }
        int d = x.shape(-1);
        if (dims % 2 != 0 || dims < 2 || dims > d) {
            throw new IllegalArgumentException(op + ": dims must be even and from 2 to the last axis's extent " + d + ", got " + dims);
        }
        if (offset.dtype().isFloating() || offset.dtype().isComplex() || offset.dtype() == DType.BOOL) {
            throw new IllegalArgumentException(op + ": the offset must be an integer array, got " + offset.dtype().mlxName());
        }
        boolean perBatch = offset.ndim() == 1 && offset.shape(0) == x.shape(0);
        if (offset.size() != 1 && !perBatch) {
            throw new IllegalArgumentException(op + ": the offset must have one element or shape (B,) = " + Shapes.str(new int[] {x.shape(0)})
                    + ", got shape " + Shapes.str(offset.shape()));
        }
    }

    private static void requireFloating(String op, String name, Array a) {
        if (a == null) throw new IllegalArgumentException(op + ": " + name + " must not be null");
        if (!a.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": " + name + " must be float16, bfloat16, float32 or float64, got "
                    + a.dtype().mlxName());
        }
    }

    private static void requireFeatureVector(String op, String name, Array p, Array x) {
        requireFloating(op, name, p);
        if (p.ndim() != 1 || p.shape(0) != x.shape(-1)) {
            throw new IllegalArgumentException(op + ": " + name + " must have shape " + Shapes.str(new int[] {x.shape(-1)})
                    + " (the last axis of x, shape " + Shapes.str(x.shape()) + "), got " + Shapes.str(p.shape()));
        }
    }
}
