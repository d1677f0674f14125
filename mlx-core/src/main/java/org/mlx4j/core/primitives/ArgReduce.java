package org.mlx4j.core.primitives;

import java.util.List;
import org.mlx4j.core.Array;

/** Index of the maximum or minimum along {@code axis} (UINT32); the output keeps the axis with extent 1. */
public record ArgReduce(boolean isMax, int axis) implements Primitive {
    @Override
    public String name() { return isMax ? "ArgMax" : "ArgMin"; }

    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        return Primitive.zeroGradients(primals, argnums);
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        return Tangents.none(1); // indices
    }
}
