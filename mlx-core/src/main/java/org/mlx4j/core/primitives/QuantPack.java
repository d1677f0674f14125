package org.mlx4j.core.primitives;

import java.util.List;
import org.mlx4j.core.Array;

/**
 * Packs integer codes of {@code bits} bits each (the last axis) into UINT32 words as MLX does: each row
 * is one little-endian bit stream in which element {@code j} occupies bits {@code [j*bits, (j+1)*bits)}.
 * Codes are integers, so nothing flows through it in either mode of differentiation.
 */
public record QuantPack(int bits) implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        return Primitive.zeroGradients(primals, argnums);
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) { return Tangents.none(1); }
}
