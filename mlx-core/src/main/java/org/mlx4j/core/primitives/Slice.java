package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.Arrays;
import java.util.List;
import org.mlx4j.core.Array;

/** Elements {@code start[i] + k * step[i]} of every axis (steps may be negative): always a view. */
public record Slice(int[] start, int[] step) implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        Array x = primals.get(0);
        return List.of(sliceUpdate(zerosLike(x), cotangents.get(0), start, step));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Slice s && Arrays.equals(s.start, start) && Arrays.equals(s.step, step);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(start) * 31 + Arrays.hashCode(step); }

    @Override
    public String toString() { return "Slice" + Arrays.toString(start) + Arrays.toString(step); }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        return Tangents.linear(this, primals, tangents, outputs);
    }
}
