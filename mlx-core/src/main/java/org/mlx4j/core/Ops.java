package org.mlx4j.core;

import org.mlx4j.core.graph.BinaryOp;
import org.mlx4j.core.graph.DTypeRule;
import org.mlx4j.core.graph.Node;
import org.mlx4j.core.graph.UnaryOp;
import org.mlx4j.core.primitives.AsType;
import org.mlx4j.core.primitives.Binary;
import org.mlx4j.core.primitives.Matmul;
import org.mlx4j.core.primitives.Primitive;
import org.mlx4j.core.primitives.Unary;
import org.mlx4j.core.primitives.Where;

/** Element-wise op builders: dtype promotion, weak scalars and broadcasting. */
final class Ops {
    private Ops() {}

    static Array make(Primitive primitive, int[] shape, DType dtype, Array... inputs) {
        Node[] nodes = new Node[inputs.length];
        for (int i = 0; i < inputs.length; i++) nodes[i] = inputs[i].node();
        Array a = new Array(new Node(primitive, nodes, shape, dtype, StreamContext.current()));
        Memory.track(a);
        return a;
    }

    /** A Python-int scalar beside {@code a}: it takes a's dtype (BOOL arrays make it INT32), MLX's weak scalars. */
    static Array weak(Array a, long v) {
        return Creation.scalar(v, DTypeRule.WeakScalar.ARRAY_DTYPE.ofInteger(a.dtype()));
    }

    /** A Python-float scalar beside {@code a}: a's dtype when a is inexact, else FLOAT32. */
    static Array weak(Array a, double v) {
        return Creation.scalar(v, DTypeRule.WeakScalar.ARRAY_DTYPE.ofFloating(a.dtype()));
    }

    static Array toInexact(Array a) { return a.dtype().isInexact() ? a : astype(a, DType.FLOAT32); }

    static Array astype(Array a, DType dtype) {
        if (a.dtype() == dtype) return a;
        return make(new AsType(dtype), a.node().shape, dtype, a);
    }

    /** {@code op(a, b)}: promotes both to one dtype, applies the op's {@link DTypeRule} and broadcasts. */
    static Array binary(BinaryOp op, Array a, Array b) {
        String name = op.opName();
        DType promoted = DType.promote(a.dtype(), b.dtype());
        if (!op.rule().accepts(promoted)) {
            throw new IllegalArgumentException(op.rule().rejection(name, a.dtype().mlxName() + " and " + b.dtype().mlxName()
                    + " (promoted to " + promoted.mlxName() + ")"));
        }
        DType t = op.rule().computeType(promoted);
        int[] shape = Shapes.broadcast(name, a.node().shape, b.node().shape);
        return make(new Binary(op), shape, op.rule().resultType(t), prepare(a, t, shape), prepare(b, t, shape));
    }

    /** Converts to {@code dtype} and broadcasts to {@code shape}. */
    private static Array prepare(Array a, DType dtype, int[] shape) {
        Array r = astype(a, dtype);
        return java.util.Arrays.equals(r.node().shape, shape) ? r : ShapeOps.broadcastTo(r, shape);
    }

    static Array where(Array cond, Array x, Array y) {
        DType t = DType.promote(x.dtype(), y.dtype());
        int[] shape = Shapes.broadcast("where", Shapes.broadcast("where", cond.node().shape, x.node().shape), y.node().shape);
        return make(new Where(), shape, t, prepare(cond, DType.BOOL, shape), prepare(x, t, shape), prepare(y, t, shape));
    }

    /** {@code op(a)}: applies the op's {@link DTypeRule} (conversion, identity, zeros or rejection). */
    static Array unary(UnaryOp op, Array a) {
        DTypeRule rule = op.rule();
        switch (rule.action(a.dtype())) {
            case IDENTITY -> { return a; }
            case ZEROS -> { return Mx.zerosLike(toInexact(a)); }
            case COMPUTE, TO_FLOAT32, TO_BOOL, REJECT -> { }
        }
        if (!rule.accepts(a.dtype())) throw new IllegalArgumentException(rule.rejection(op.opName(), a.dtype().mlxName()));
        DType t = rule.computeType(a.dtype());
        Array x = astype(a, t);
        if (rule.result() == DTypeRule.Result.MAGNITUDE && t.isComplex()) { // |z| comes back as z with imaginary part 0
            return astype(make(new Unary(op), x.node().shape, t, x), rule.resultType(t));
        }
        return make(new Unary(op), x.node().shape, rule.resultType(t), x);
    }

    static Array round(Array a, int decimals) {
        if (!a.dtype().isInexact()) {
            if (decimals >= 0) return a;
            // integers round at tens, hundreds...: scale in float, round half to even, cast back
            return astype(round(astype(a, DType.FLOAT32), decimals), a.dtype());
        }
        if (decimals == 0) return unary(UnaryOp.ROUND, a);
        double scale = Math.pow(10, decimals);
        return divide(unary(UnaryOp.ROUND, Mx.multiply(a, scale)), scale);
    }

    private static Array divide(Array a, double s) { return Mx.divide(a, s); }

    static Array matmul(Array a, Array b) {
        int[] as = a.node().shape, bs = b.node().shape;
        if (as.length == 0 || bs.length == 0) {
            throw new IllegalArgumentException("matmul: operands must have at least one dimension, got shapes "
                    + Shapes.str(as) + " and " + Shapes.str(bs));
        }
        DType t = DType.promote(a.dtype(), b.dtype());
        if (!t.isFloating()) {
            throw new IllegalArgumentException("matmul: only floating point types are supported, got "
                    + a.dtype().mlxName() + " and " + b.dtype().mlxName());
        }
        boolean vecA = as.length == 1, vecB = bs.length == 1;
        Array x = vecA ? ShapeOps.reshape(a, 1, as[0]) : a;
        Array y = vecB ? ShapeOps.reshape(b, bs[0], 1) : b;
        int[] xs = x.node().shape, ys = y.node().shape;
        int m = xs[xs.length - 2], k = xs[xs.length - 1], k2 = ys[ys.length - 2], n = ys[ys.length - 1];
        if (k != k2) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: shapes " + Shapes.str(as) + " and "
                    + Shapes.str(bs) + " (" + k + " vs " + k2 + ")");
        }
        int[] batch = Shapes.broadcast("matmul", java.util.Arrays.copyOf(xs, xs.length - 2),
                java.util.Arrays.copyOf(ys, ys.length - 2));
        int[] xShape = concat(batch, m, k), yShape = concat(batch, k, n), outShape = concat(batch, m, n);
        Array out = make(new Matmul(), outShape, t, prepare(x, t, xShape), prepare(y, t, yShape));
        if (vecA && vecB) return ShapeOps.reshape(out, concat(batch));
        if (vecA) return ShapeOps.reshape(out, concat(batch, n));
        if (vecB) return ShapeOps.reshape(out, concat(batch, m));
        return out;
    }

    private static int[] concat(int[] batch, int... tail) {
        int[] r = java.util.Arrays.copyOf(batch, batch.length + tail.length);
        System.arraycopy(tail, 0, r, batch.length, tail.length);
        return r;
    }

    static java.util.List<Array> divmod(Array a, Array b) {
        DType t = DType.promote(a.dtype(), b.dtype());
        if (t.isComplex()) throw new IllegalArgumentException("divmod: not defined for complex64");
        int[] shape = Shapes.broadcast("divmod", a.node().shape, b.node().shape);
        Node[] inputs = {prepare(a, t, shape).node(), prepare(b, t, shape).node()};
        Stream stream = StreamContext.current();
        org.mlx4j.core.primitives.DivMod p = new org.mlx4j.core.primitives.DivMod();
        Node[] outs = {new Node(p, inputs, shape, t, stream), new Node(p, inputs, shape, t, stream)};
        Node.linkSiblings(outs);
        Array q = new Array(outs[0]), r = new Array(outs[1]);
        Memory.track(q);
        Memory.track(r);
        return java.util.List.of(q, r);
    }
}
