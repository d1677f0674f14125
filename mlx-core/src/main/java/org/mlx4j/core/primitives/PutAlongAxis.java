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
                case 0 -> op == ScatterOp.ADD ? ct : putAlongAxis(ct, idx, zerosLike(values), axis, ScatterOp.SET);
                case 2 -> takeAlongAxis(ct, idx, axis);
                default -> zerosLike(idx);
            };
        }
        return List.of(grads);
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        if (op != ScatterOp.SET && op != ScatterOp.ADD) {
            throw new IllegalArgumentException("jvp of putAlongAxis with " + op + " is not supported (only SET and ADD)");
        }
        if (Tangents.allNull(tangents, 0, 1) && Tangents.allNull(tangents, 2, 3)) return Tangents.none(1);
        Array dst = primals.get(0), idx = primals.get(1), values = primals.get(2), out = outputs.get(0);
        return Tangents.one(make(this, out.shape(), out.dtype(),
                Tangents.orZeros(tangents.get(0), dst), idx, Tangents.orZeros(tangents.get(2), values)));
    }
}
