package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.graph.ScatterOp;

/**
 * MLX's Scatter: inputs (dst, updates, idx_0 .. idx_k-1); updates has shape {@code B + sliceShape} and
 * is combined into a copy of dst at the indexed locations.
 */
public record Scatter(ScatterOp op, int[] axes) implements Primitive {
    @Override
    public String name() {
        return switch (op) {
            case SET -> "Scatter";
            case ADD -> "ScatterAdd";
            case PROD -> "ScatterProd";
            case MAX -> "ScatterMax";
            case MIN -> "ScatterMin";
        };
    }

    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        Array updates = primals.get(1), ct = cotangents.get(0);
        List<Array> indices = primals.subList(2, primals.size());
        if (op != ScatterOp.SET && op != ScatterOp.ADD) {
            throw new IllegalArgumentException("vjp of " + name() + " is not supported (only scatter and scatter-add)");
        }
        int batch = updates.ndim() - ct.ndim();
        int[] slice = Arrays.copyOfRange(updates.shape(), batch, updates.ndim());
        List<Array> grads = new ArrayList<>(argnums.length);
        for (int arg : argnums) {
            if (arg == 0) {
                grads.add(op == ScatterOp.ADD ? ct : scatter(ct, zerosLike(updates), indices, axes));
            } else if (arg == 1) {
                grads.add(gather(ct, indices, axes, slice));
            } else {
                grads.add(zerosLike(primals.get(arg)));
            }
        }
        return grads;
    }

    @Override
    public boolean equals(Object o) { return o instanceof Scatter s && s.op == op && Arrays.equals(s.axes, axes); }

    @Override
    public int hashCode() { return op.hashCode() * 31 + Arrays.hashCode(axes); }
}
