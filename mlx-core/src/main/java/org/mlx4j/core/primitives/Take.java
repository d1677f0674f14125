package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.List;
import org.mlx4j.core.Array;

/** Inputs (src, indices): {@code src.shape[:axis] + indices.shape + src.shape[axis+1:]}. */
public record Take(int axis) implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        Array src = primals.get(0), idx = primals.get(1), ct = cotangents.get(0);
        Array[] grads = new Array[argnums.length];
        for (int i = 0; i < argnums.length; i++) {
            if (argnums[i] != 0) {
                grads[i] = zerosLike(idx);
                continue;
            }
            // move the index dims to the front, then give the taken axis extent 1: B + sliceShape
            int b = idx.ndim(), nd = ct.ndim();
            int[] perm = new int[nd];
            int k = 0;
            for (int d = axis; d < axis + b; d++) perm[k++] = d;
            for (int d = 0; d < axis; d++) perm[k++] = d;
            for (int d = axis + b; d < nd; d++) perm[k++] = d;
            Array moved = transpose(ct, perm);
            int[] shape = moved.shape();
            int[] withAxis = new int[shape.length + 1];
            System.arraycopy(shape, 0, withAxis, 0, b + axis);
            withAxis[b + axis] = 1;
            System.arraycopy(shape, b + axis, withAxis, b + axis + 1, shape.length - b - axis);
            grads[i] = scatterAdd(zerosLike(src), moved.reshape(withAxis), List.of(idx), new int[] {axis});
        }
        return List.of(grads);
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        return Tangents.linear(this, 1, primals, tangents, outputs); // linear in src; the indices pass through
    }
}
