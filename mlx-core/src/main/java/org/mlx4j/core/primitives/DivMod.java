package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.List;
import org.mlx4j.core.Array;

/** Two outputs from one pass: the floor quotient and the (Python) remainder. */
public record DivMod() implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        if (!outputs.get(1).dtype().isInexact()) return Primitive.zeroGradients(primals, argnums);
        // only the remainder a - b * floor(a / b) has a gradient
        Array ct = cotangents.get(1), quotient = outputs.get(0);
        Array[] grads = new Array[argnums.length];
        for (int i = 0; i < argnums.length; i++) grads[i] = argnums[i] == 0 ? ct : negative(multiply(ct, quotient));
        return List.of(grads);
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        // the quotient is piecewise constant; the remainder a - b * floor(a / b) moves with a and b
        Array ta = tangents.get(0), tb = tangents.get(1), quotient = outputs.get(0);
        if (!outputs.get(1).dtype().isInexact()) return Tangents.none(2);
        return Tangents.of(null, Tangents.add(ta, tb == null ? null : negative(multiply(tb, quotient))));
    }
}
