package org.mlx4j.core.primitives;

import java.util.ArrayList;
import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;

/** Joins inputs of equal shape except along {@code axis}. */
public record Concatenate(int axis) implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        Array ct = cotangents.get(0);
        int[] offsets = new int[primals.size() + 1];
        for (int i = 0; i < primals.size(); i++) offsets[i + 1] = offsets[i] + primals.get(i).shape(axis);
        List<Array> grads = new ArrayList<>(argnums.length);
        for (int arg : argnums) {
            int[] shape = primals.get(arg).shape();
            int[] start = new int[shape.length], step = new int[shape.length];
            java.util.Arrays.fill(step, 1);
            start[axis] = offsets[arg];
            grads.add(Mx.stridedSlice(ct, start, step, shape));
        }
        return grads;
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        return Tangents.linear(this, primals, tangents, outputs);
    }
}
