package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.graph.ScanOp;

/** A cumulative op along {@code axis} (cumsum, cumprod, cummax, cummin, logcumsumexp). */
public record Scan(ScanOp op, int axis, boolean reverse, boolean inclusive) implements Primitive {
    @Override
    public String name() {
        return switch (op) {
            case SUM -> "CumSum";
            case PROD -> "CumProd";
            case MAX -> "CumMax";
            case MIN -> "CumMin";
            case LOGADDEXP -> "LogCumSumExp";
        };
    }

    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        Array x = primals.get(0), ct = cotangents.get(0), out = outputs.get(0);
        return List.of(switch (op) {
            case SUM -> cumsum(ct, axis, !reverse, inclusive);
            case LOGADDEXP -> // d out_i / d x_j = exp(x_j - out_i) for every i that includes j
                    multiply(exp(x), cumsum(multiply(ct, exp(negative(out))), axis, !reverse, inclusive));
            case PROD -> // out_i / x_j summed over the outputs i that include x_j; exact where x has no zeros
                    divide(cumsum(multiply(ct, out), axis, !reverse, inclusive), x);
            case MAX, MIN -> // each output's cotangent goes to the position that holds its running extreme
                    scatterAddAxis(zerosLike(x), holder("vjp", x, out), ct, axis);
        });
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        Array x = primals.get(0), t = tangents.get(0), out = outputs.get(0);
        if (t == null) return Tangents.none(1);
        return Tangents.one(switch (op) {
            case SUM -> cumsum(t, axis, reverse, inclusive);
            case LOGADDEXP -> multiply(exp(negative(out)), cumsum(multiply(t, exp(x)), axis, reverse, inclusive));
            case PROD -> multiply(out, cumsum(divide(t, x), axis, reverse, inclusive)); // exact where x has no zeros
            case MAX, MIN -> takeAlongAxis(t, holder("jvp", x, out), axis); // the holder's tangent
        });
    }

    /** For cummax/cummin: the position along the axis of the element each output's running extreme comes from. */
    private Array holder(String transform, Array x, Array out) {
        if (!inclusive) throw new IllegalArgumentException(transform + " of an exclusive " + name() + " is not supported");
        int n = x.shape(axis);
        int[] shape = new int[x.ndim()];
        java.util.Arrays.fill(shape, 1);
        shape[axis] = n;
        Array positions = broadcastTo(arange(n).reshape(shape), x.shape());
        Array holds = equal(x, out);
        return reverse
                ? cummin(where(holds, positions, full(x.shape(), n, positions.dtype())), axis, true, true)
                : cummax(where(holds, positions, full(x.shape(), -1, positions.dtype())), axis, false, true);
    }
}
