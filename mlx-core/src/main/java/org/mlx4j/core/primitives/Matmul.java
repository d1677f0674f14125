package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.List;
import org.mlx4j.core.Array;

/** Matrix product of {@code [..., M, K]} and {@code [..., K, N]} with equal batch shapes. */
public record Matmul() implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        Array a = primals.get(0), b = primals.get(1), ct = cotangents.get(0);
        Array[] grads = new Array[argnums.length];
        for (int i = 0; i < argnums.length; i++) {
            grads[i] = argnums[i] == 0 ? matmul(ct, swapAxes(b, -1, -2)) : matmul(swapAxes(a, -1, -2), ct);
        }
        return List.of(grads);
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        Array a = primals.get(0), b = primals.get(1), ta = tangents.get(0), tb = tangents.get(1);
        return Tangents.one(Tangents.add(ta == null ? null : matmul(ta, b), tb == null ? null : matmul(a, tb)));
    }
}
