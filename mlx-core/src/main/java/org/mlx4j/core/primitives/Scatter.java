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
        Array dst = primals.get(0), updates = primals.get(1), ct = cotangents.get(0), out = outputs.get(0);
        List<Array> indices = primals.subList(2, primals.size());
        int[] slice = sliceShape(updates, out);
        Array dstGrad = null, updatesGrad = null;
        switch (op) {
            case null -> throw new NullPointerException("op"); // a null label makes the compiler check that every case is listed
            case SET -> {
                dstGrad = scatter(ct, zerosLike(updates), indices, axes);
                updatesGrad = gather(ct, indices, axes, slice);
            }
            case ADD -> {
                dstGrad = ct;
                updatesGrad = gather(ct, indices, axes, slice);
            }
            case PROD, MAX, MIN -> {
                CombiningScatter c = combining(dst, updates, indices, slice, out);
                dstGrad = c.dstGrad(ct);
                updatesGrad = c.updatesGrad(ct);
            }
        }
        List<Array> grads = new ArrayList<>(argnums.length);
        for (int arg : argnums) grads.add(arg == 0 ? dstGrad : arg == 1 ? updatesGrad : zerosLike(primals.get(arg)));
        return grads;
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        if (op == ScatterOp.SET || op == ScatterOp.ADD) {
            return Tangents.linear(this, 2, primals, tangents, outputs); // linear in (dst, updates); the indices pass through
        }
        Array dst = primals.get(0), updates = primals.get(1), td = tangents.get(0), tu = tangents.get(1), out = outputs.get(0);
        if (td == null && tu == null) return Tangents.none(1);
        List<Array> indices = primals.subList(2, primals.size());
        return Tangents.one(combining(dst, updates, indices, sliceShape(updates, out), out).tangent(td, tu));
    }

    /** The slice shape of {@code updates} ({@code B + slice}) for an output of {@code out}'s rank. */
    private static int[] sliceShape(Array updates, Array out) {
        return Arrays.copyOfRange(updates.shape(), updates.ndim() - out.ndim(), updates.ndim());
    }

    private CombiningScatter combining(Array dst, Array updates, List<Array> indices, int[] slice, Array out) {
        return new CombiningScatter(op, dst, updates, out, x -> gather(x, indices, axes, slice),
                v -> scatterAdd(zerosLike(dst), v, indices, axes));
    }

    @Override
    public boolean equals(Object o) { return o instanceof Scatter s && s.op == op && Arrays.equals(s.axes, axes); }

    @Override
    public int hashCode() { return op.hashCode() * 31 + Arrays.hashCode(axes); }
}
