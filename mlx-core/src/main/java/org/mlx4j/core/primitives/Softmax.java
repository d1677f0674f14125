package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.List;
import org.mlx4j.core.Array;

/** Numerically stable softmax along the last axis. */
public record Softmax() implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        Array s = outputs.get(0), ct = cotangents.get(0);
        int last = s.ndim() - 1;
        return List.of(multiply(s, subtract(ct, sum(multiply(ct, s), new int[] {last}, true))));
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        Array t = tangents.get(0);
        if (t == null) return Tangents.none(1);
        Array s = outputs.get(0);
        return Tangents.one(multiply(s, subtract(t, sum(multiply(s, t), new int[] {s.ndim() - 1}, true))));
    }
}
