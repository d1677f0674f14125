package org.mlx4j.core.primitives;

import java.util.Arrays;
import java.util.List;
import org.mlx4j.core.Array;

/** A permutation of the axes: always a view. */
public record Transpose(int[] axes) implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        int[] inverse = new int[axes.length];
        for (int i = 0; i < axes.length; i++) inverse[axes[i]] = i;
        return List.of(cotangents.get(0).transpose(inverse));
    }

    @Override
    public boolean equals(Object o) { return o instanceof Transpose t && Arrays.equals(t.axes, axes); }

    @Override
    public int hashCode() { return Arrays.hashCode(axes); }

    @Override
    public String toString() { return "Transpose" + Arrays.toString(axes); }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        return Tangents.linear(this, primals, tangents, outputs);
    }
}
