package org.mlx4j.core.primitives;

import java.util.List;
import org.mlx4j.core.Array;

/** {@code start + i * step} for every index i of a 1-D output. */
public record Arange(double start, double step) implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        return List.of();
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        return Tangents.none(1);
    }
}
