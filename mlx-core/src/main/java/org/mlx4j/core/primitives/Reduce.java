package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.Arrays;
import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.graph.ReduceOp;

/** A reduction over sorted, distinct {@code axes}; the output keeps them with extent 1. */
public record Reduce(ReduceOp op, int[] axes) implements Primitive {

    @Override
    public String name() {
        String n = op.opName();
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        Array x = primals.get(0), ct = cotangents.get(0), out = outputs.get(0);
        int[] shape = x.shape();
        Array g = switch (op) {
            case SUM -> broadcastTo(ct, shape);
            case PROD -> multiply(broadcastTo(multiply(ct, out), shape), reciprocal(x));
            case MAX, MIN -> {
                Array mask = equal(x, out).astype(x.dtype());
                Array count = sum(mask, axes, true);
                yield multiply(mask, broadcastTo(divide(ct, count), shape));
            }
            case ALL, ANY -> zerosLike(x);
        };
        return List.of(g);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reduce r && r.op == op && Arrays.equals(r.axes, axes);
    }

    @Override
    public int hashCode() { return op.hashCode() * 31 + Arrays.hashCode(axes); }

    @Override
    public String toString() { return name() + Arrays.toString(axes); }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        Array x = primals.get(0), t = tangents.get(0), out = outputs.get(0);
        if (t == null) return Tangents.none(1);
        return Tangents.one(switch (op) {
            case SUM -> sum(t, axes, true);
            case PROD -> sum(multiply(t, divide(broadcastTo(out, x.shape()), x)), axes, true);
            case MAX, MIN -> { // ties share the tangent equally, as in the vjp
                Array mask = equal(x, out).astype(x.dtype());
                yield divide(sum(multiply(mask, t), axes, true), sum(mask, axes, true));
            }
            case ALL, ANY -> null;
        });
    }
}
