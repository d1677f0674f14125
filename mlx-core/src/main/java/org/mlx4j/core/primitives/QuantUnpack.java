package org.mlx4j.core.primitives;

import java.util.List;
import org.mlx4j.core.Array;

/**
 * The inverse of {@link QuantPack}: the UINT8 codes of {@code bits} bits each read from each row's
 * little-endian bit stream of UINT32 words. Integer in, integer out: no gradient.
 */
public record QuantUnpack(int bits) implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        return Primitive.zeroGradients(primals, argnums);
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) { return Tangents.none(1); }
}
