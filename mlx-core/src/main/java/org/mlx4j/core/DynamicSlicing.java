package org.mlx4j.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Slices whose start is an array (MLX's {@code slice} / {@code slice_update} with array {@code start_indices}):
 * the start is data, not a constant of the graph, so a compiled function (a KV-cache decode step) reads and
 * writes at a position that changes from call to call without retracing. Built on {@code gather} and
 * {@code scatter} with one 0-d index per sliced axis, so they differentiate and vmap as those do.
 */
final class DynamicSlicing {
    private DynamicSlicing() {}

    static Array slice(Array a, Array start, int[] axes, int[] sliceSize) {
        int[] s = a.node().shape;
        int[] ax = checkAxes("slice", a, start, axes);
        if (sliceSize.length != s.length) {
            throw new IllegalArgumentException("slice: sliceSize needs one extent per axis of the array of shape " + Shapes.str(s)
                    + ", got " + Arrays.toString(sliceSize));
        }
        for (int i = 0; i < s.length; i++) {
            if (sliceSize[i] < 0 || sliceSize[i] > s[i]) {
                throw new IllegalArgumentException("slice: slice size " + Arrays.toString(sliceSize) + " does not fit shape "
                        + Shapes.str(s) + " (axis " + i + ")");
            }
        }
        return SortingOps.gather(a, starts(start, ax.length), ax, sliceSize.clone());
    }

    static Array sliceUpdate(Array src, Array update, Array start, int[] axes) {
        int[] s = src.node().shape, u = update.node().shape;
        int[] ax = checkAxes("sliceUpdate", src, start, axes);
        if (u.length != s.length) {
            throw new IllegalArgumentException("sliceUpdate: the update of shape " + Shapes.str(u) + " must have the rank of the array of shape "
                    + Shapes.str(s));
        }
        for (int i = 0; i < s.length; i++) {
            if (u[i] > s[i]) {
                throw new IllegalArgumentException("sliceUpdate: the update of shape " + Shapes.str(u) + " does not fit the array of shape "
                        + Shapes.str(s) + " (axis " + i + ")");
            }
        }
        return SortingOps.scatter(src, Ops.astype(update, src.dtype()), starts(start, ax.length), ax, org.mlx4j.core.graph.ScatterOp.SET);
    }

    private static int[] checkAxes(String op, Array a, Array start, int[] axes) {
        if (start.dtype().isInexact() || start.dtype() == DType.BOOL) {
            throw new IllegalArgumentException(op + ": start indices must be integers, got " + start.dtype().mlxName());
        }
        if (start.ndim() > 1 || (start.ndim() == 1 ? start.shape(0) : 1) != axes.length) {
            throw new IllegalArgumentException(op + ": start must hold one index per axis of " + Arrays.toString(axes)
                    + ", got shape " + Shapes.str(start.node().shape));
        }
        int[] ax = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            ax[i] = Shapes.axis(op, axes[i], a.ndim());
            for (int j = 0; j < i; j++) {
                if (ax[j] == ax[i]) throw new IllegalArgumentException(op + ": duplicate axis in " + Arrays.toString(axes));
            }
        }
        return ax;
    }

    /** One 0-d index array per sliced axis. */
    private static List<Array> starts(Array start, int n) {
        List<Array> out = new ArrayList<>(n);
        if (start.ndim() == 0) {
            out.add(start);
            return out;
        }
        for (int i = 0; i < n; i++) {
            out.add(ShapeOps.reshape(ShapeOps.stridedSlice(start, new int[] {i}, new int[] {1}, new int[] {1})));
        }
        return out;
    }
}
