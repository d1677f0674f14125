package org.mlx4j.core;

/** Reductions that count or rank: {@code median}, {@code count_nonzero}. */
final class OrderStatistics {
    private OrderStatistics() {}

    /**
     * The median over {@code axes} (all when empty), as NumPy's: the middle of the sorted values, or the mean of
     * the two middle ones; NaN where the values hold a NaN. Integers and bools give FLOAT32.
     */
    static Array median(Array a, int[] axes, boolean keepdims) {
        if (a.dtype() == DType.COMPLEX64) {
            throw new IllegalArgumentException("median: complex64 is not supported (valid: real dtypes)");
        }
        int[] s = a.node().shape;
        int[] ax = Shapes.reductionAxes("median", axes, s.length);
        Array x = Ops.toInexact(a);
        // the reduced axes moved to the end and merged
        int[] perm = new int[s.length];
        int k = 0;
        boolean[] reduced = new boolean[s.length];
        for (int i : ax) reduced[i] = true;
        for (int i = 0; i < s.length; i++) if (!reduced[i]) perm[k++] = i;
        for (int i : ax) perm[k++] = i;
        long n = 1;
        for (int i : ax) n *= s[i];
        if (n == 0) throw new IllegalArgumentException("median: the reduced axes of shape " + Shapes.str(s) + " are empty");
        int[] kept = Shapes.drop(s, ax);
        int[] merged = java.util.Arrays.copyOf(kept, kept.length + 1);
        merged[kept.length] = Math.toIntExact(n);
        Array sorted = SortingOps.sort(ShapeOps.reshape(ShapeOps.transpose(x, perm), merged), -1);
        int hi = (int) (n / 2), lo = (int) ((n - 1) / 2);
        Array mid = lo == hi ? take(sorted, hi) : Mx.multiply(Mx.add(take(sorted, lo), take(sorted, hi)), 0.5);
        Array out = Mx.where(Mx.any(Mx.isnan(sorted), -1), Creation.scalar(Double.NaN, x.dtype()), mid);
        return keepdims ? ShapeOps.reshape(out, Shapes.keep(s, ax)) : out;
    }

    private static Array take(Array sorted, int i) {
        return SortingOps.take(sorted, Creation.scalar((long) i, DType.INT32), -1);
    }

    /** The number of nonzero elements over {@code axes} (all when empty), INT32. */
    static Array countNonzero(Array a, int[] axes, boolean keepdims) {
        Array nonzero = a.dtype() == DType.BOOL ? a : Mx.notEqual(a, Creation.scalar(0L, a.dtype()));
        return Ops.astype(Mx.sum(nonzero, axes, keepdims), DType.INT32);
    }
}
