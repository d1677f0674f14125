package org.mlx4j.core.primitives;

import java.util.List;
import org.mlx4j.core.Array;

/**
 * For each element of the second input, its insertion index (INT32) into the sorted 1-d first input:
 * before equal elements, or after them when {@code right} (NumPy's {@code searchsorted}). Both inputs have one
 * dtype; NaN sorts after every number.
 */
public record SearchSorted(boolean right) implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        return Primitive.zeroGradients(primals, argnums);
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        return Tangents.none(1); // indices
    }
}
