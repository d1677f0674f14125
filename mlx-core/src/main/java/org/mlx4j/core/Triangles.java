package org.mlx4j.core;

/** Lower and upper triangles: {@code tri}, {@code tril}, {@code triu}. */
final class Triangles {
    private Triangles() {}

    /** Ones at and below diagonal {@code k} of an {@code n x m} matrix. */
    static Array tri(int n, int m, int k, DType dtype) {
        if (n < 0 || m < 0) throw new IllegalArgumentException("tri: n and m must be >= 0, got " + n + " and " + m);
        Array rows = ShapeOps.reshape(Creation.arange(0, n, 1, DType.INT32), n, 1);
        Array cols = ShapeOps.reshape(Creation.arange(-k, m - k, 1, DType.INT32), 1, m);
        return Ops.astype(Mx.greaterEqual(rows, cols), dtype);
    }

    static Array tril(Array a, int k) { return keep("tril", a, k, true); }

    static Array triu(Array a, int k) { return keep("triu", a, k, false); }

    /** {@code a} with the elements outside its lower ({@code lower}) or upper triangle zeroed, over the last two axes. */
    private static Array keep(String op, Array a, int k, boolean lower) {
        int[] s = a.node().shape;
        if (s.length < 2) {
            throw new IllegalArgumentException(op + ": the array must have at least 2 dimensions, got shape " + Shapes.str(s));
        }
        int n = s[s.length - 2], m = s[s.length - 1];
        Array mask = lower ? tri(n, m, k, DType.BOOL) : Mx.logicalNot(tri(n, m, k - 1, DType.BOOL));
        return Ops.where(mask, a, Mx.zerosLike(a));
    }
}
