package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.ArrayList;
import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.graph.Handles;

/**
 * {@code softmax(scale * q k^T + mask) v} per head, with grouped keys and values ({@code Hq} a multiple
 * of {@code Hkv}: query head {@code h} reads key head {@code h / (Hq / Hkv)}). Inputs: {@code q}
 * {@code [B, Hq, L, D]}, {@code k} {@code [B, Hkv, S, D]}, {@code v} {@code [B, Hkv, S, Dv]} of the
 * output's dtype; then, where {@code hasMask}, the mask broadcast to {@code [B, Hq, L, S]} (BOOL: keep,
 * or additive of the output's dtype); then, where {@code hasSinks}, one logit per query head
 * ({@code [Hq]}) that joins each row's softmax and is dropped from it. {@code causal} lets query
 * {@code i} see keys {@code j <= i + S - L}. Masked scores take the dtype's lowest finite value, as in
 * MLX, so a row with every key masked averages the values.
 */
public record FastAttention(double scale, boolean causal, boolean hasMask, boolean hasSinks) implements FastPrimitive {

    @Override
    public Array fallback(List<Array> inputs) {
        Array q = inputs.get(0), k = inputs.get(1), v = inputs.get(2);
        int b = q.shape(0), hq = q.shape(1), l = q.shape(2), d = q.shape(3);
        int hkv = k.shape(1), s = k.shape(2), dv = v.shape(3), rep = hq / hkv;
        DType t = q.dtype();
        Array lowest = array(lowest(t), t);
        Array qs = reshape(multiply(q, scale), b, hkv, rep, l, d);
        Array scores = matmul(qs, swapAxes(expandDims(k, 2), -1, -2));
        if (causal) {
            Array keep = greaterEqual(expandDims(arange(s - l, s, 1, DType.INT32), 1), expandDims(arange(0, s, 1, DType.INT32), 0));
            scores = where(keep, scores, lowest);
        }
        int next = 3;
        if (hasMask) {
            Array mask = reshape(inputs.get(next++), b, hkv, rep, l, s);
            scores = mask.dtype() == DType.BOOL ? where(mask, scores, lowest) : add(scores, mask);
        }
        if (hasSinks) {
            Array sinks = broadcastTo(reshape(inputs.get(next), 1, hkv, rep, 1, 1), b, hkv, rep, l, 1);
            scores = concatenate(List.of(sinks, scores), -1);
        }
        Array p = softmax(scores, -1);
        if (hasSinks) p = slice(p, new int[] {0, 0, 0, 0, 1}, new int[] {b, hkv, rep, l, s + 1}, new int[] {1, 1, 1, 1, 1});
        return reshape(matmul(p, expandDims(v, 2)), b, hq, l, dv);
    }

    /** The lowest finite value of a floating dtype (MLX's {@code finfo(t).min}), which masked scores take. */
    public static double lowest(DType t) {
        return switch (t) {
            case FLOAT16 -> -65504.0;
            case BFLOAT16 -> -Float.intBitsToFloat(0x7f7f0000);
            case FLOAT64 -> -Double.MAX_VALUE;
            default -> -Float.MAX_VALUE;
        };
    }

    @Override
    public int[] outputShape(int[][] inputShapes) {
        int[] q = inputShapes[0];
        return new int[] {q[0], q[1], q[2], inputShapes[2][3]};
    }

    /**
     * The batch folded into the first axis: {@code [batch * B, ...]} through the fused primitive and
     * unfolded again; a mapped {@code sinks} takes the fallback.
     */
    @Override
    public Array vmap(Array[] in, boolean[] isMapped, int batch) {
        if (hasSinks && isMapped[in.length - 1]) return FastDerivatives.vmapFallback(this, in, isMapped);
        int inputsWithBatch = hasMask ? 4 : 3;
        List<Array> folded = new ArrayList<>();
        for (int i = 0; i < in.length; i++) {
            if (i >= inputsWithBatch) {
                folded.add(in[i]);
                continue;
            }
            Array a = in[i];
            int[] s = isMapped[i] ? a.shape() : prepend(batch, a.shape());
            if (!isMapped[i]) a = broadcastTo(expandDims(a, 0), s);
            int[] f = new int[s.length - 1];
            System.arraycopy(s, 2, f, 1, f.length - 1);
            f[0] = s[0] * s[1];
            folded.add(reshape(a, f));
        }
        Array q = folded.get(0);
        int[] shape = {q.shape(0), q.shape(1), q.shape(2), folded.get(2).shape(3)};
        Array out = Handles.make(this, shape, q.dtype(), folded.toArray(new Array[0]));
        return reshape(out, batch, shape[0] / batch, shape[1], shape[2], shape[3]);
    }

    private static int[] prepend(int b, int[] s) {
        int[] r = new int[s.length + 1];
        r[0] = b;
        System.arraycopy(s, 0, r, 1, s.length);
        return r;
    }
}
