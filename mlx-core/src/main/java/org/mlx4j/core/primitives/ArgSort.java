package org.mlx4j.core.primitives;

import java.util.List;
import org.mlx4j.core.Array;

/** Indices (UINT32) that sort along {@code axis}. */
public record ArgSort(int axis) implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        return Primitive.zeroGradients(primals, argnums);
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        return Tangents.none(1); // indices
    }
}
