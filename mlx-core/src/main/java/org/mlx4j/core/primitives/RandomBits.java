package org.mlx4j.core.primitives;

import java.util.Arrays;
import java.util.List;
import org.mlx4j.core.Array;

/**
 * Threefry-2x32 random bits, MLX's {@code RandomBits}: the input holds keys of shape
 * {@code [..., 2]} (UINT32); the output has {@code shape}, whose leading axes match the key's
 * batch axes, and elements of {@code width} bytes (UINT32, UINT16 or UINT8). Each key fills its
 * own contiguous block of the output.
 */
public record RandomBits(int[] shape, int width) implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        return Primitive.zeroGradients(primals, argnums);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RandomBits r && r.width == width && Arrays.equals(r.shape, shape);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(shape) * 31 + width; }

    @Override
    public String toString() { return "RandomBits" + Arrays.toString(shape) + "[width=" + width + "]"; }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        return Tangents.none(1); // bits are integers
    }
}
