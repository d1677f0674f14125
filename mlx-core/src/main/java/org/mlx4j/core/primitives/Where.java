package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.List;
import org.mlx4j.core.graph.Handles;
import org.mlx4j.core.Array;

/** {@code cond ? x : y} element-wise over inputs (cond, x, y) of one shape. */
public record Where() implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        Array cond = primals.get(0), ct = cotangents.get(0);
        Array[] grads = new Array[argnums.length];
        for (int i = 0; i < argnums.length; i++) {
            grads[i] = switch (argnums[i]) {
                case 0 -> zerosLike(cond);
                case 1 -> where(cond, ct, zerosLike(ct));
                default -> where(cond, zerosLike(ct), ct);
            };
        }
        return List.of(grads);
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        if (Tangents.allNull(tangents, 1, 3)) return Tangents.none(1);
        Array cond = primals.get(0), out = outputs.get(0);
        return Tangents.one(Handles.make(this, out.shape(), out.dtype(), cond,
                Tangents.orZeros(tangents.get(1), out), Tangents.orZeros(tangents.get(2), out)));
    }
}
