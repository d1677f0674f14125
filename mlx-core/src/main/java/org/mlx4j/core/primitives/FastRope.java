package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.graph.Handles;

/**
 * Rotary positional encoding of the first {@code dims} features of the last axis; positions run along
 * the second-to-last axis, starting at the offset (one integer, or one per entry of the first axis)
 * and multiplied by {@code scale}. Feature pair {@code i} (of {@code dims / 2}) turns by
 * {@code position / base^(2i / dims)}, or {@code position / freqs[i]} with custom frequencies. The
 * pairs are {@code (2i, 2i + 1)} when {@code traditional}, else {@code (i, i + dims / 2)}. With
 * {@code forward} false the rotation is undone (the vjp). Inputs: {@code x} (rank 3 or more),
 * the integer {@code offset}, then {@code freqs} ({@code [dims / 2]}, of {@code x}'s dtype) where
 * {@code hasFreqs}.
 */
public record FastRope(int dims, boolean traditional, double base, double scale, boolean forward, boolean hasFreqs)
        implements FastPrimitive {

    @Override
    public Array fallback(List<Array> inputs) {
        Array x = inputs.get(0);
        int[] shape = x.shape();
        int nd = shape.length;
        int mid = 1;
        for (int i = 1; i < nd - 2; i++) mid *= shape[i];
        int b = shape[0], t = shape[nd - 2], d = shape[nd - 1], half = dims / 2;
        Array xf = FastRmsNorm.wide(reshape(x, b, mid, t, d));
        DType w = xf.dtype();
        Array offset = inputs.get(1);
        offset = astype(offset.size() > 1 ? reshape(offset, b, 1, 1) : reshape(offset), w);
        Array positions = multiply(add(arange(0, t, 1, w), offset), scale);
        Array invFreqs = hasFreqs
                ? reciprocal(astype(inputs.get(2), w))
                : exp(multiply(arange(0, -half, -1, w), Math.log(base) / half));
        Array theta = multiply(expandDims(positions, -1), invFreqs);
        Array c = cos(theta), s = sin(theta);
        Array rotated;
        if (traditional) {
            Array x1 = slice(xf, new int[] {0, 0, 0, 0}, new int[] {b, mid, t, dims}, new int[] {1, 1, 1, 2});
            Array x2 = slice(xf, new int[] {0, 0, 0, 1}, new int[] {b, mid, t, dims}, new int[] {1, 1, 1, 2});
            List<Array> parts = new ArrayList<>();
            for (Array o : rotate(x1, x2, c, s)) parts.add(expandDims(o, -1));
            rotated = reshape(concatenate(parts, -1), b, mid, t, dims);
        } else {
            Array x1 = slice(xf, new int[] {0, 0, 0, 0}, new int[] {b, mid, t, half}, new int[] {1, 1, 1, 1});
            Array x2 = slice(xf, new int[] {0, 0, 0, half}, new int[] {b, mid, t, dims}, new int[] {1, 1, 1, 1});
            rotated = concatenate(rotate(x1, x2, c, s), -1);
        }
        if (dims < d) {
            Array rest = slice(xf, new int[] {0, 0, 0, dims}, new int[] {b, mid, t, d}, new int[] {1, 1, 1, 1});
            rotated = concatenate(List.of(rotated, rest), -1);
        }
        return reshape(astype(rotated, x.dtype()), shape);
    }

    private List<Array> rotate(Array x1, Array x2, Array c, Array s) {
        return forward
                ? List.of(subtract(multiply(x1, c), multiply(x2, s)), add(multiply(x1, s), multiply(x2, c)))
                : List.of(add(multiply(x2, s), multiply(x1, c)), subtract(multiply(x2, c), multiply(x1, s)));
    }

    /** The inverse rotation (the transpose of this linear map of {@code x}). */
    private FastRope inverse() { return new FastRope(dims, traditional, base, scale, !forward, hasFreqs); }

    private static Array apply(FastRope p, Array x, List<Array> primals) {
        Array[] in = primals.toArray(new Array[0]);
        in[0] = x;
        return Handles.make(p, x.shape(), x.dtype(), in);
    }

    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        Array[] result = new Array[argnums.length];
        for (int i = 0; i < argnums.length; i++) {
            if (argnums[i] == 0) result[i] = apply(inverse(), cotangents.get(0), primals);
            else if (argnums[i] == 2) result[i] = FastDerivatives.vjp(this, primals, cotangents, new int[] {2}).get(0);
        }
        return Arrays.asList(result);
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        if (hasFreqs && tangents.get(2) != null) return FastDerivatives.jvp(this, primals, tangents);
        Array t = tangents.get(0);
        return Tangents.one(t == null ? null : apply(this, t, primals));
    }

    @Override
    public int[] outputShape(int[][] inputShapes) { return inputShapes[0]; }

    @Override
    public Array vmap(Array[] in, boolean[] isMapped, int batch) {
        boolean onlyX = !isMapped[1] && in[1].size() == 1 && (!hasFreqs || !isMapped[2]);
        if (!onlyX) return FastDerivatives.vmapFallback(this, in, isMapped);
        return Handles.make(this, in[0].shape(), in[0].dtype(), in);
    }
}
