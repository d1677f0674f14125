package org.mlx4j.core.primitives;

import java.util.List;
import org.mlx4j.core.Array;

/** Two outputs from one pass: the floor quotient and the (Python) remainder. */
public record DivMod() implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        return Primitive.zeroGradients(primals, argnums);
    }
}
