package org.mlx4j.core;

import java.util.ArrayList;
import java.util.List;
import org.mlx4j.core.primitives.SearchSorted;

/** {@code diff} (NumPy's n-th discrete difference) and {@code searchsorted}. */
final class Differences {
    private Differences() {}

    /**
     * The {@code n}-th difference along {@code axis}, after {@code prepend} and {@code append} (null: none) are
     * joined on; bools use {@code not_equal}, as NumPy does.
     */
    static Array diff(Array a, int n, int axis, Array prepend, Array append) {
        if (n < 0) throw new IllegalArgumentException("diff: order n must be >= 0, got " + n);
        int[] s = a.node().shape;
        if (s.length == 0) throw new IllegalArgumentException("diff: needs at least a 1-d array, got a 0-d one");
        int ax = Shapes.axis("diff", axis, s.length);
        if (n == 0) return a;
        List<Array> parts = new ArrayList<>(3);
        if (prepend != null) parts.add(edge(prepend, s, ax, a));
        parts.add(a);
        if (append != null) parts.add(edge(append, s, ax, a));
        Array x = parts.size() == 1 ? a : ShapeOps.concatenate(parts, ax);
        for (int i = 0; i < n; i++) {
            int len = x.node().shape[ax];
            if (len == 0) break;
            Array head = ShapeOps.split(x, new int[] {len - 1}, ax).get(0);
            Array tail = ShapeOps.split(x, new int[] {1}, ax).get(1);
            x = x.dtype() == DType.BOOL ? Mx.notEqual(tail, head) : Mx.subtract(tail, head);
        }
        return x;
    }

    /** A value joined onto {@code a}: a scalar is broadcast to one slice along the axis, as NumPy does. */
    private static Array edge(Array v, int[] s, int ax, Array a) {
        if (v.ndim() == 0) {
            int[] shape = s.clone();
            shape[ax] = 1;
            return ShapeOps.broadcastTo(v, shape);
        }
        return v;
    }

    /**
     * For each value of {@code v}, the index at which it would be inserted into the sorted 1-d {@code a} to keep
     * it sorted: before equal values ({@code right} false) or after them. INT32, shaped like {@code v}.
     */
    static Array searchsorted(Array a, Array v, boolean right) {
        if (a.ndim() != 1) {
            throw new IllegalArgumentException("searchsorted: the sorted array must be 1-d, got shape " + Shapes.str(a.node().shape));
        }
        if (a.dtype() == DType.COMPLEX64 || v.dtype() == DType.COMPLEX64) {
            throw new IllegalArgumentException("searchsorted: complex64 is not supported (valid: real dtypes)");
        }
        DType t = DType.promote(a.dtype(), v.dtype());
        return Ops.make(new SearchSorted(right), v.node().shape.clone(), DType.INT32, Ops.astype(a, t), Ops.astype(v, t));
    }
}
