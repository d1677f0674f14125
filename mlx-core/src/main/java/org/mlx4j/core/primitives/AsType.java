package org.mlx4j.core.primitives;

import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;

/** Element-wise conversion to {@code dtype}. */
public record AsType(DType dtype) implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        Array x = primals.get(0);
        if (!x.dtype().isInexact()) return Primitive.zeroGradients(primals, argnums);
        return List.of(cotangents.get(0).astype(x.dtype()));
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        Array t = tangents.get(0);
        return Tangents.one(t == null || !dtype.isInexact() ? null : t.astype(dtype));
    }
}
