package org.mlx4j.core.backend.cpu;

import java.util.Arrays;
import java.util.Objects;
import org.mlx4j.core.graph.ReduceOp;

/**
 * CPU reductions (sum, prod, max, min, all, any) over any set of axes of a strided input.
 *
 * <p>The input is first rewritten into its simplest equivalent ({@link ReducePlan}: extent-1 and
 * broadcast axes removed, reversed axes flipped, axes ordered by memory stride and merged), then
 * reduced either as contiguous runs (whole array, trailing axes) or as whole rows of a contiguous
 * trailing block (leading or middle axes), see {@link ReduceExecutor}. Accumulation is wide:
 * float32 for float16/bfloat16/float32 (sums add float32 block partials in double), double for
 * float64, int64 for bool and integers, a double pair for complex64; the result is converted to
 * {@code out}'s dtype at the end.
 */
public final class ReduceKernels {
    private ReduceKernels() {}

    /**
     * Reduces {@code in} over {@code axes} (sorted, distinct, valid). {@code out} is row-major
     * contiguous with {@code in}'s shape where the reduced axes have extent 1 (keepdims form); its
     * dtype may differ from the input's. ALL/ANY write 0/1 (normally into BOOL). Reducing over zero
     * elements gives the identity: 0, 1, -inf/+inf for float MAX/MIN, the dtype's min/max for
     * integer MAX/MIN, true for ALL, false for ANY. Float MAX/MIN propagate NaN. Unsigned integers
     * compare unsigned; complex64 MAX/MIN order lexicographically; a complex result written to a
     * real dtype keeps its real part.
     *
     * @throws IllegalArgumentException for invalid axes or an output of the wrong shape or layout
     */
    public static void reduce(ReduceOp op, StridedView in, int[] axes, StridedView out) {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(axes, "axes");
        Objects.requireNonNull(out, "out");
        String what = op.opName() + " over " + in.dtype().mlxName() + Arrays.toString(in.shape())
                + " axes " + Arrays.toString(axes);
        boolean[] reduced = new boolean[in.ndim()];
        int prev = -1;
        for (int a : axes) {
            if (a <= prev || a >= in.ndim()) {
                throw new IllegalArgumentException(what + ": axes must be sorted, distinct and in [0, "
                        + in.ndim() + ")");
            }
            reduced[a] = true;
            prev = a;
        }
        int[] expected = in.shape().clone();
        for (int a : axes) expected[a] = 1;
        if (!Arrays.equals(expected, out.shape())) {
            throw new IllegalArgumentException(what + ": output shape " + Arrays.toString(out.shape())
                    + " should be " + Arrays.toString(expected));
        }
        if (!out.isRowContiguous()) {
            throw new IllegalArgumentException(what + ": output must be row-major contiguous, got " + out);
        }
        ReduceFamily family = ReduceFamily.of(op, in.dtype());
        if (out.size() == 0) return;
        long[] outStrides = StridedView.rowMajorStrides(out.shape());
        ReducePlan plan = ReducePlan.of(in, reduced, out.offset(), outStrides);
        ReduceExecutor.execute(plan, family, in, out);
    }
}
