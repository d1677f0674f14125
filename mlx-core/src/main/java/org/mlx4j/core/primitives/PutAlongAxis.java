package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.List;
import org.mlx4j.core.graph.Handles;
import org.mlx4j.core.Array;
import org.mlx4j.core.graph.ScatterOp;

/** Inputs (dst, indices, values) with indices and values of one shape: values combined into a copy of dst. */
public record PutAlongAxis(ScatterOp op, int axis) implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        Array dst = primals.get(0), idx = primals.get(1), values = primals.get(2), ct = cotangents.get(0);
        CombiningScatter c = op == ScatterOp.SET || op == ScatterOp.ADD ? null : combining(dst, idx, values, outputs.get(0));
        Array[] grads = new Array[argnums.length];
        for (int i = 0; i < argnums.length; i++) {
            grads[i] = switch (argnums[i]) {
                case 0 -> c != null ? c.dstGrad(ct) : op == ScatterOp.ADD ? ct : putAlongAxis(ct, idx, zerosLike(values), axis);
                case 2 -> c != null ? c.updatesGrad(ct) : takeAlongAxis(ct, idx, axis);
                default -> zerosLike(idx);
            };
        }
        return List.of(grads);
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        Array dst = primals.get(0), idx = primals.get(1), values = primals.get(2), out = outputs.get(0);
        Array td = tangents.get(0), tv = tangents.get(2);
        if (td == null && tv == null) return Tangents.none(1);
        if (op != ScatterOp.SET && op != ScatterOp.ADD) return Tangents.one(combining(dst, idx, values, out).tangent(td, tv));
        // SET and ADD are linear in (dst, values); the indices pass through
        return Tangents.one(Handles.make(this, out.shape(), out.dtype(), Tangents.orZeros(td, dst), idx, Tangents.orZeros(tv, values)));
    }

    private CombiningScatter combining(Array dst, Array idx, Array values, Array out) {
        return new CombiningScatter(op, dst, values, out, x -> takeAlongAxis(x, idx, axis),
                v -> scatterAddAxis(zerosLike(dst), idx, v, axis));
    }
}
