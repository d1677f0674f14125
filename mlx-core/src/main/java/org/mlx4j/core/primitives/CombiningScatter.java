package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.function.UnaryOperator;
import org.mlx4j.core.Array;
import org.mlx4j.core.graph.ScatterOp;

/**
 * Derivatives of a scatter that combines updates into a copy of {@code dst} by product, maximum or
 * minimum ({@link Scatter} and {@link PutAlongAxis} with PROD, MAX or MIN). {@code at} reads an array
 * of dst's shape at the updates' positions (a gather); {@code addInto} sums an array of the updates'
 * shape into dst's shape (a scatter-add). A product's derivative with respect to a factor is
 * {@code out / factor} (exact where no factor is zero); the holders of an extreme (dst or updates equal
 * to it) share its derivative equally, as {@link Reduce}'s max and min do.
 */
record CombiningScatter(ScatterOp op, Array dst, Array updates, Array out, UnaryOperator<Array> at, UnaryOperator<Array> addInto) {

    CombiningScatter {
        if (op == ScatterOp.SET || op == ScatterOp.ADD) throw new IllegalArgumentException("not a combining scatter: " + op);
    }

    /** The cotangent of dst given the output's. */
    Array dstGrad(Array ct) {
        return op == ScatterOp.PROD ? divide(multiply(ct, out), dst) : multiply(divide(ct, holderCount()), dstHolds());
    }

    /** The cotangent of the updates given the output's. */
    Array updatesGrad(Array ct) {
        return op == ScatterOp.PROD
                ? divide(at.apply(multiply(ct, out)), updates)
                : multiply(at.apply(divide(ct, holderCount())), updatesHold());
    }

    /** The output's tangent given those of dst and the updates (either may be null for zero). */
    Array tangent(Array td, Array tu) {
        if (op == ScatterOp.PROD) {
            return multiply(out, Tangents.add(td == null ? null : divide(td, dst), tu == null ? null : addInto.apply(divide(tu, updates))));
        }
        Array sum = Tangents.add(td == null ? null : multiply(td, dstHolds()), tu == null ? null : addInto.apply(multiply(tu, updatesHold())));
        return divide(sum, holderCount());
    }

    private Array dstHolds() { return equal(dst, out).astype(dst.dtype()); }

    private Array updatesHold() { return equal(updates, at.apply(out)).astype(dst.dtype()); }

    private Array holderCount() { return add(dstHolds(), addInto.apply(updatesHold())); }
}
