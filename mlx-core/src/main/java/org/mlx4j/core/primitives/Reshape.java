package org.mlx4j.core.primitives;

import java.util.Arrays;
import java.util.List;
import org.mlx4j.core.Array;

/** A new shape over the same elements: a view when the input is contiguous, else a copy. */
public record Reshape(int[] shape) implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        return List.of(cotangents.get(0).reshape(primals.get(0).shape()));
    }

    @Override
    public boolean equals(Object o) { return o instanceof Reshape r && Arrays.equals(r.shape, shape); }

    @Override
    public int hashCode() { return Arrays.hashCode(shape); }

    @Override
    public String toString() { return "Reshape" + Arrays.toString(shape); }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        return Tangents.linear(this, primals, tangents, outputs);
    }
}
