package org.mlx4j.core;

/** Diagonals: {@code diagonal}, {@code diag} and {@code trace}. */
final class Diagonals {
    private Diagonals() {}

    /**
     * The diagonal {@code offset} of the matrices spanned by {@code axis1} and {@code axis2}: those axes are
     * removed and the diagonal becomes the last axis, as NumPy and MLX do.
     */
    static Array diagonal(Array a, int offset, int axis1, int axis2) {
        int[] s = a.node().shape;
        if (s.length < 2) {
            throw new IllegalArgumentException("diagonal: the array must have at least 2 dimensions, got shape " + Shapes.str(s));
        }
        int ax1 = Shapes.axis("diagonal", axis1, s.length), ax2 = Shapes.axis("diagonal", axis2, s.length);
        if (ax1 == ax2) throw new IllegalArgumentException("diagonal: axis1 and axis2 must differ, got " + axis1 + " and " + axis2);
        int rows = s[ax1], cols = s[ax2];
        int r0 = Math.max(0, -offset), c0 = Math.max(0, offset);
        int len = Math.max(0, Math.min(rows - r0, cols - c0));
        // the other axes first, then the two matrix axes merged into one, from which the diagonal is taken
        int[] perm = new int[s.length];
        int k = 0;
        for (int i = 0; i < s.length; i++) if (i != ax1 && i != ax2) perm[k++] = i;
        perm[k++] = ax1;
        perm[k] = ax2;
        Array m = AxisReshapes.flatten(ShapeOps.transpose(a, perm), -2, -1);
        int[] flat = new int[len];
        for (int i = 0; i < len; i++) flat[i] = (r0 + i) * cols + c0 + i;
        return SortingOps.take(m, Creation.fromInts(flat, new int[] {len}), -1);
    }

    /** For a 1-d {@code a}: the square matrix with {@code a} on diagonal {@code k}; for a 2-d {@code a}: its diagonal {@code k}. */
    static Array diag(Array a, int k) {
        int[] s = a.node().shape;
        if (s.length == 2) return diagonal(a, k, 0, 1);
        if (s.length != 1) {
            throw new IllegalArgumentException("diag: the array must be 1-d or 2-d, got shape " + Shapes.str(s));
        }
        int len = s[0], n = len + Math.abs(k);
        int[] source = new int[n * n];
        boolean[] on = new boolean[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                on[i * n + j] = j - i == k;
                source[i * n + j] = on[i * n + j] ? (k >= 0 ? i : j) : 0;
            }
        }
        if (len == 0) return Creation.full(new int[] {n, n}, 0, a.dtype());
        Array values = SortingOps.take(a, Creation.fromInts(source, new int[] {n, n}), 0);
        return Ops.where(Creation.fromBooleans(on, new int[] {n, n}), values, Creation.scalar(0L, a.dtype()));
    }

    /** The sum of diagonal {@code offset} of the matrices spanned by {@code axis1} and {@code axis2}, in {@code dtype} (null: as {@code sum}). */
    static Array trace(Array a, int offset, int axis1, int axis2, DType dtype) {
        Array d = diagonal(a, offset, axis1, axis2);
        if (dtype != null) d = Ops.astype(d, dtype);
        return Mx.sum(d, -1);
    }
}
