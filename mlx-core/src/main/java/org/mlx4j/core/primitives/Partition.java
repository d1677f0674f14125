package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.List;
import org.mlx4j.core.Array;

/** NumPy's partition along {@code axis} around position {@code kth}; with {@code indices}, argpartition. */
public record Partition(int axis, int kth, boolean indices) implements Primitive {
    @Override
    public String name() { return indices ? "ArgPartition" : "Partition"; }

    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        Array x = primals.get(0);
        if (indices) return Primitive.zeroGradients(primals, argnums);
        return List.of(putAlongAxis(zerosLike(x), argpartition(x, kth, axis), cotangents.get(0), axis));
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        Array x = primals.get(0), t = tangents.get(0);
        return Tangents.one(t == null || indices ? null : takeAlongAxis(t, argpartition(x, kth, axis), axis));
    }
}
