package org.mlx4j.core;

import org.mlx4j.core.graph.ReduceOp;
import org.mlx4j.core.primitives.ArgReduce;
import org.mlx4j.core.primitives.LogSumExp;
import org.mlx4j.core.primitives.Reduce;
import org.mlx4j.core.primitives.Softmax;

/** Reduction op builders: axes, output dtypes, and the reductions composed from primitives. */
final class Reductions {
    private Reductions() {}

    static Array reduce(ReduceOp op, Array a, int[] axes, boolean keepdims) {
        String name = op.opName();
        int[] shape = a.node().shape;
        int[] ax = Shapes.reductionAxes(name, axes, shape.length);
        DType t = switch (op) {
            case ALL, ANY -> DType.BOOL;
            case SUM, PROD -> switch (a.dtype()) { // small integers accumulate in 32 bits, as in MLX
                case BOOL, INT8, INT16 -> DType.INT32;
                case UINT8, UINT16 -> DType.UINT32;
                default -> a.dtype();
            };
            case MAX, MIN -> {
                if (a.dtype().isComplex()) throw new IllegalArgumentException(name + ": not defined for complex64");
                if (Shapes.size(shape) == 0) {
                    throw new IllegalArgumentException(name + ": cannot " + name + "-reduce an array of size zero (shape "
                            + Shapes.str(shape) + ")");
                }
                yield a.dtype();
            }
        };
        Array r = Ops.make(new Reduce(op, ax), Shapes.keep(shape, ax), t, a);
        return keepdims ? r : ShapeOps.reshape(r, Shapes.drop(shape, ax));
    }

    private static long count(int[] shape, int[] ax) {
        long n = 1;
        for (int i : ax) n *= shape[i];
        return n;
    }

    static Array mean(Array a, int[] axes, boolean keepdims) {
        Array x = Ops.toInexact(a);
        int[] ax = Shapes.reductionAxes("mean", axes, x.ndim());
        long n = count(x.node().shape, ax);
        return Mx.multiply(reduce(ReduceOp.SUM, x, ax, keepdims), 1.0 / n);
    }

    static Array var(Array a, int[] axes, boolean keepdims, int ddof) {
        Array x = Ops.toInexact(a);
        int[] ax = Shapes.reductionAxes("var", axes, x.ndim());
        long n = count(x.node().shape, ax);
        Array centered = Mx.subtract(x, mean(x, ax, true));
        Array v = mean(Mx.square(centered), ax, keepdims);
        return n - ddof > 0 ? Mx.multiply(v, (double) n / (n - ddof)) : Mx.multiply(v, Double.NaN);
    }

    static Array logsumexp(Array a, int[] axes, boolean keepdims) {
        Array x = Ops.toInexact(a);
        int[] shape = x.node().shape;
        int nd = shape.length;
        int[] ax = Shapes.reductionAxes("logsumexp", axes, nd);
        Array r;
        if (nd == 0) {
            return x;
        } else if (ax.length == 1 && ax[0] == nd - 1) {
            r = Ops.make(new LogSumExp(), Shapes.keep(shape, ax), x.dtype(), x);
        } else {
            // move the reduced axes to the end and flatten them into one
            int[] perm = new int[nd];
            int j = 0;
            for (int i = 0; i < nd; i++) if (java.util.Arrays.binarySearch(ax, i) < 0) perm[j++] = i;
            for (int i : ax) perm[j++] = i;
            int[] kept = Shapes.drop(shape, ax);
            int[] flat = java.util.Arrays.copyOf(kept, kept.length + 1);
            flat[kept.length] = (int) count(shape, ax);
            Array moved = ShapeOps.reshape(ShapeOps.transpose(x, perm), flat);
            int[] outFlat = flat.clone();
            outFlat[kept.length] = 1;
            r = ShapeOps.reshape(Ops.make(new LogSumExp(), outFlat, x.dtype(), moved), Shapes.keep(shape, ax));
        }
        return keepdims ? r : ShapeOps.reshape(r, Shapes.drop(shape, ax));
    }

    static Array softmax(Array a, int[] axes) {
        Array x = Ops.toInexact(a);
        int nd = x.ndim();
        if (nd == 0) return Mx.onesLike(x);
        int[] ax = axes == null || axes.length == 0
                ? new int[] {nd - 1}
                : Shapes.reductionAxes("softmax", axes, nd);
        if (ax.length == 1 && ax[0] == nd - 1) return Ops.make(new Softmax(), x.node().shape, x.dtype(), x);
        if (ax.length == 1) {
            Array moved = ShapeOps.moveAxis(x, ax[0], -1);
            return ShapeOps.moveAxis(Ops.make(new Softmax(), moved.node().shape, x.dtype(), moved), -1, ax[0]);
        }
        return Mx.exp(Mx.subtract(x, logsumexp(x, ax, true)));
    }

    static Array argReduce(boolean isMax, Array a, int axis, boolean keepdims) {
        String name = isMax ? "argmax" : "argmin";
        int[] shape = a.node().shape;
        if (shape.length == 0) throw new IllegalArgumentException(name + ": needs an array with at least one dimension");
        int ax = Shapes.axis(name, axis, shape.length);
        if (shape[ax] == 0) throw new IllegalArgumentException(name + ": attempt to get " + name + " of an empty axis");
        if (a.dtype().isComplex()) throw new IllegalArgumentException(name + ": not defined for complex64");
        int[] keep = Shapes.keep(shape, new int[] {ax});
        Array r = Ops.make(new ArgReduce(isMax, ax), keep, DType.UINT32, a);
        return keepdims ? r : ShapeOps.reshape(r, Shapes.drop(shape, new int[] {ax}));
    }
}
