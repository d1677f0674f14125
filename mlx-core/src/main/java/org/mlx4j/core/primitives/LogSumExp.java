package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.List;
import org.mlx4j.core.Array;

/** {@code log(sum(exp(x)))} along the last axis, which the output keeps with extent 1. */
public record LogSumExp() implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        Array x = primals.get(0);
        return List.of(multiply(broadcastTo(cotangents.get(0), x.shape()), exp(subtract(x, outputs.get(0)))));
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        Array x = primals.get(0), t = tangents.get(0);
        if (t == null) return Tangents.none(1);
        return Tangents.one(sum(multiply(t, exp(subtract(x, outputs.get(0)))), new int[] {x.ndim() - 1}, true));
    }
}
