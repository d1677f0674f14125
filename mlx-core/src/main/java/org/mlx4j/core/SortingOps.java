package org.mlx4j.core;

import java.util.Arrays;
import java.util.List;
import org.mlx4j.core.graph.ScanOp;
import org.mlx4j.core.graph.ScatterOp;
import org.mlx4j.core.primitives.ArgSort;
import org.mlx4j.core.primitives.Gather;
import org.mlx4j.core.primitives.Partition;
import org.mlx4j.core.primitives.PutAlongAxis;
import org.mlx4j.core.primitives.Scan;
import org.mlx4j.core.primitives.Scatter;
import org.mlx4j.core.primitives.Sort;
import org.mlx4j.core.primitives.Take;
import org.mlx4j.core.primitives.TakeAlongAxis;

/** Builders for scans, sorting and the gather/scatter family. */
final class SortingOps {
    private SortingOps() {}

    static Array scan(ScanOp op, String name, Array a, int axis, boolean reverse, boolean inclusive) {
        if (a.ndim() == 0) throw new IllegalArgumentException(name + ": needs an array with at least one dimension");
        int ax = Shapes.axis(name, axis, a.ndim());
        Array x = a;
        DType t = a.dtype();
        switch (op) {
            case null -> throw new NullPointerException("op"); // a null label makes the compiler check that every case is listed
            case SUM, PROD -> { if (t == DType.BOOL) { t = DType.INT32; x = Ops.astype(a, t); } }
            case LOGADDEXP -> { x = Ops.toInexact(a); t = x.dtype(); }
            case MAX, MIN -> { }
        }
        if (t.isComplex() && op != ScanOp.SUM && op != ScanOp.PROD) {
            throw new IllegalArgumentException(name + ": not defined for complex64");
        }
        return Ops.make(new Scan(op, ax, reverse, inclusive), x.node().shape, t, x);
    }

    private static void requireReal(String name, Array a) {
        if (a.dtype().isComplex()) throw new IllegalArgumentException(name + ": not defined for complex64");
        if (a.ndim() == 0) throw new IllegalArgumentException(name + ": needs an array with at least one dimension");
    }

    static Array sort(Array a, int axis) {
        requireReal("sort", a);
        return Ops.make(new Sort(Shapes.axis("sort", axis, a.ndim())), a.node().shape, a.dtype(), a);
    }

    static Array argsort(Array a, int axis) {
        requireReal("argsort", a);
        return Ops.make(new ArgSort(Shapes.axis("argsort", axis, a.ndim())), a.node().shape, DType.UINT32, a);
    }

    static Array partition(Array a, int kth, int axis, boolean indices) {
        String name = indices ? "argpartition" : "partition";
        requireReal(name, a);
        int ax = Shapes.axis(name, axis, a.ndim());
        int n = a.node().shape[ax];
        int k = kth < 0 ? kth + n : kth;
        if (k < 0 || k >= n) {
            throw new IllegalArgumentException(name + ": kth " + kth + " is out of range for an axis of extent " + n);
        }
        return Ops.make(new Partition(ax, k, indices), a.node().shape, indices ? DType.UINT32 : a.dtype(), a);
    }

    /** The k largest elements along {@code axis} (not necessarily sorted). */
    static Array topk(Array a, int k, int axis) {
        requireReal("topk", a);
        int ax = Shapes.axis("topk", axis, a.ndim());
        int n = a.node().shape[ax];
        if (k < 1 || k > n) throw new IllegalArgumentException("topk: k must be in [1, " + n + "], got " + k);
        Array p = k == n ? a : partition(a, n - k, ax, false);
        int[] start = new int[a.ndim()], step = new int[a.ndim()], shape = a.shape();
        Arrays.fill(step, 1);
        start[ax] = n - k;
        shape[ax] = k;
        return ShapeOps.stridedSlice(p, start, step, shape);
    }

    private static void requireIntegerIndices(String name, Array indices) {
        if (!indices.dtype().isInteger()) {
            throw new IllegalArgumentException(name + ": indices must be integers, got " + indices.dtype().mlxName());
        }
    }

    static Array take(Array a, Array indices, int axis) {
        requireIntegerIndices("take", indices);
        if (a.ndim() == 0) throw new IllegalArgumentException("take: cannot index a 0-d array");
        int ax = Shapes.axis("take", axis, a.ndim());
        int[] s = a.node().shape, is = indices.node().shape;
        int[] out = new int[s.length - 1 + is.length];
        System.arraycopy(s, 0, out, 0, ax);
        System.arraycopy(is, 0, out, ax, is.length);
        System.arraycopy(s, ax + 1, out, ax + is.length, s.length - ax - 1);
        return Ops.make(new Take(ax), out, a.dtype(), a, indices);
    }

    static Array takeAlongAxis(Array a, Array indices, int axis) {
        requireIntegerIndices("takeAlongAxis", indices);
        int nd = a.ndim();
        if (indices.ndim() != nd) {
            throw new IllegalArgumentException("takeAlongAxis: indices must have the array's " + nd + " dimensions, got shape "
                    + Shapes.str(indices.node().shape));
        }
        int ax = Shapes.axis("takeAlongAxis", axis, nd);
        int[] s = a.node().shape.clone();
        int[] is = indices.node().shape.clone();
        int[] sNoAxis = s.clone(), isNoAxis = is.clone();
        sNoAxis[ax] = 1;
        isNoAxis[ax] = 1;
        int[] common = Shapes.broadcast("takeAlongAxis", sNoAxis, isNoAxis);
        int[] srcShape = common.clone(), outShape = common.clone();
        srcShape[ax] = s[ax];
        outShape[ax] = is[ax];
        Array src = ShapeOps.broadcastTo(a, srcShape), idx = ShapeOps.broadcastTo(indices, outShape);
        return Ops.make(new TakeAlongAxis(ax), outShape, a.dtype(), src, idx);
    }

    static Array putAlongAxis(Array a, Array indices, Array values, int axis, ScatterOp op) {
        requireIntegerIndices("putAlongAxis", indices);
        int nd = a.ndim();
        if (indices.ndim() != nd) {
            throw new IllegalArgumentException("putAlongAxis: indices must have the array's " + nd + " dimensions, got shape "
                    + Shapes.str(indices.node().shape));
        }
        int ax = Shapes.axis("putAlongAxis", axis, nd);
        int[] shape = Shapes.broadcast("putAlongAxis", indices.node().shape, values.node().shape);
        int[] check = shape.clone(), s = a.node().shape.clone();
        check[ax] = 1;
        s[ax] = 1;
        for (int i = 0; i < nd; i++) {
            if (check[i] != s[i] && check[i] != 1) {
                throw new IllegalArgumentException("putAlongAxis: indices of shape " + Shapes.str(indices.node().shape)
                        + " do not fit an array of shape " + Shapes.str(a.node().shape) + " along axis " + ax);
            }
        }
        int[] full = a.node().shape.clone();
        full[ax] = shape[ax];
        Array idx = ShapeOps.broadcastTo(indices, full), vals = ShapeOps.broadcastTo(Ops.astype(values, a.dtype()), full);
        return Ops.make(new PutAlongAxis(op, ax), a.node().shape, a.dtype(), a, idx, vals);
    }

    /** MLX's gather: index arrays (broadcast together) over {@code axes}; output {@code B + sliceSizes}. */
    static Array gather(Array a, List<Array> indices, int[] axes, int[] sliceSizes) {
        if (indices.size() != axes.length) {
            throw new IllegalArgumentException("gather: " + indices.size() + " index arrays for " + axes.length + " axes");
        }
        int[] b = new int[0];
        for (Array i : indices) {
            requireIntegerIndices("gather", i);
            b = Shapes.broadcast("gather", b, i.node().shape);
        }
        Array[] inputs = new Array[indices.size() + 1];
        inputs[0] = a;
        for (int i = 0; i < indices.size(); i++) inputs[i + 1] = ShapeOps.broadcastTo(indices.get(i), b);
        int[] out = Arrays.copyOf(b, b.length + sliceSizes.length);
        System.arraycopy(sliceSizes, 0, out, b.length, sliceSizes.length);
        return Ops.make(new Gather(axes.clone(), sliceSizes.clone()), out, a.dtype(), inputs);
    }

    /** MLX's scatter: {@code updates} of shape {@code B + sliceShape} combined into a copy of {@code a}. */
    static Array scatter(Array a, Array updates, List<Array> indices, int[] axes, ScatterOp op) {
        if (indices.size() != axes.length) {
            throw new IllegalArgumentException("scatter: " + indices.size() + " index arrays for " + axes.length + " axes");
        }
        int[] b = new int[0];
        for (Array i : indices) {
            requireIntegerIndices("scatter", i);
            b = Shapes.broadcast("scatter", b, i.node().shape);
        }
        Array[] inputs = new Array[indices.size() + 2];
        inputs[0] = a;
        inputs[1] = Ops.astype(updates, a.dtype());
        for (int i = 0; i < indices.size(); i++) inputs[i + 2] = ShapeOps.broadcastTo(indices.get(i), b);
        return Ops.make(new Scatter(op, axes.clone()), a.node().shape, a.dtype(), inputs);
    }
}
