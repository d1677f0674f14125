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
}
