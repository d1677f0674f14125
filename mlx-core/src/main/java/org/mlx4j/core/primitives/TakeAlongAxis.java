package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.List;
import org.mlx4j.core.Array;

/** Inputs (src, indices) with indices shaped like the output: {@code out[..i..] = src[.. idx[..i..] ..]}. */
public record TakeAlongAxis(int axis) implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        Array src = primals.get(0), idx = primals.get(1);
        Array[] grads = new Array[argnums.length];
        for (int i = 0; i < argnums.length; i++) {
            grads[i] = argnums[i] == 0
                    ? scatterAddAxis(zerosLike(src), idx, cotangents.get(0), axis)
                    : zerosLike(idx);
        }
        return List.of(grads);
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        return Tangents.linear(this, 1, primals, tangents, outputs); // linear in src; the indices pass through
    }
}
