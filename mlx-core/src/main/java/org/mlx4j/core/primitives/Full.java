package org.mlx4j.core.primitives;

import java.util.List;
import org.mlx4j.core.Array;

/** An array of one repeated value. */
public record Full(double value) implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        return List.of();
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        return Tangents.none(1);
    }
}
