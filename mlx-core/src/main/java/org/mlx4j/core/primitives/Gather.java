package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mlx4j.core.Array;

/**
 * MLX's Gather: inputs (src, idx_0 .. idx_k-1), index arrays of one broadcast shape B indexing
 * {@code axes}; the output has shape {@code B + sliceSizes}.
 */
public record Gather(int[] axes, int[] sliceSizes) implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        List<Array> indices = primals.subList(1, primals.size());
        List<Array> grads = new ArrayList<>(argnums.length);
        for (int arg : argnums) {
            grads.add(arg == 0
                    ? scatterAdd(zerosLike(primals.get(0)), cotangents.get(0), indices, axes)
                    : zerosLike(primals.get(arg)));
        }
        return grads;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gather g && Arrays.equals(g.axes, axes) && Arrays.equals(g.sliceSizes, sliceSizes);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(axes) * 31 + Arrays.hashCode(sliceSizes); }

    @Override
    public String toString() { return "Gather" + Arrays.toString(axes) + Arrays.toString(sliceSizes); }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        return Tangents.linear(this, 1, primals, tangents, outputs); // linear in src; the indices pass through
    }
}
