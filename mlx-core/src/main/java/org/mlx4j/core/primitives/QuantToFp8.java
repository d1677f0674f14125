package org.mlx4j.core.primitives;

import java.util.List;
import org.mlx4j.core.Array;

/**
 * Element-wise conversion of a float array to FP8 E4M3 codes (UINT8), rounding to nearest even and
 * saturating at 448 as MLX's {@code to_fp8} does. The codes are integers: no gradient.
 */
public record QuantToFp8() implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        return Primitive.zeroGradients(primals, argnums);
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) { return Tangents.none(1); }
}
