package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.List;
import org.mlx4j.core.Array;

/** Sorts along {@code axis} (ascending, NaNs last, stable). */
public record Sort(int axis) implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        Array x = primals.get(0);
        return List.of(putAlongAxis(zerosLike(x), argsort(x, axis), cotangents.get(0), axis));
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        Array x = primals.get(0), t = tangents.get(0);
        return Tangents.one(t == null ? null : takeAlongAxis(t, argsort(x, axis), axis));
    }
}
