package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.graph.ScatterOp;

/** Inputs (dst, indices, values) with indices and values of one shape: values combined into a copy of dst. */
public record PutAlongAxis(ScatterOp op, int axis) implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        Array idx = primals.get(1), values = primals.get(2), ct = cotangents.get(0);
        if (op != ScatterOp.SET && op != ScatterOp.ADD) {
            throw new IllegalArgumentException("vjp of putAlongAxis with " + op + " is not supported (only SET and ADD)");
        }
        Array[] grads = new Array[argnums.length];
        for (int i = 0; i < argnums.length; i++) {
            grads[i] = switch (argnums[i]) {
                case 0 -> op == ScatterOp.ADD ? ct : putAlongAxis(ct, idx, zerosLike(values), axis);
                case 2 -> takeAlongAxis(ct, idx, axis);
                default -> zerosLike(idx);
            };
        }
        return List.of(grads);
    }
}
