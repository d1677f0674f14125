package org.mlx4j.core;

import org.mlx4j.core.graph.BinaryOp;
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

    /** A Python-int scalar beside {@code a}: it takes a's dtype (BOOL arrays make it INT32). */
    static Array weak(Array a, long v) {
        DType t = a.dtype() == DType.BOOL ? DType.INT32 : a.dtype();
        return Creation.scalar(v, t);
    }

    /** A Python-float scalar beside {@code a}: a's dtype when a is inexact, else FLOAT32. */
    static Array weak(Array a, double v) {
        DType t = a.dtype().isInexact() ? a.dtype() : DType.FLOAT32;
        return Creation.scalar(v, t);
    }

    static Array toInexact(Array a) { return a.dtype().isInexact() ? a : astype(a, DType.FLOAT32); }

    static Array astype(Array a, DType dtype) {
        if (a.dtype() == dtype) return a;
        return make(new AsType(dtype), a.node().shape, dtype, a);
    }

    static Array binary(BinaryOp op, Array a, Array b) {
        String name = op.opName();
        DType t = DType.promote(a.dtype(), b.dtype());
        switch (op) {
            case DIVIDE, ARCTAN2, LOGADDEXP -> { if (!t.isInexact()) t = DType.FLOAT32; }
            case LOGICAL_AND, LOGICAL_OR -> t = DType.BOOL;
            case BITWISE_AND, BITWISE_OR, BITWISE_XOR, LEFT_SHIFT, RIGHT_SHIFT -> {
                if (t.isInexact()) {
                    throw new IllegalArgumentException(name + ": needs integer or bool inputs, got "
                            + a.dtype().mlxName() + " and " + b.dtype().mlxName());
                }
            }
            default -> { }
        }
        if (t.isComplex() && !complexBinary(op)) {
            throw new IllegalArgumentException(name + ": not defined for complex64 inputs");
        }
        int[] shape = Shapes.broadcast(name, a.node().shape, b.node().shape);
        DType out = op.producesBool() ? DType.BOOL : t;
        return make(new Binary(op), shape, out, prepare(a, t, shape), prepare(b, t, shape));
    }

    private static boolean complexBinary(BinaryOp op) {
        return switch (op) {
            case ADD, SUBTRACT, MULTIPLY, DIVIDE, EQUAL, NOT_EQUAL, POWER -> true;
            default -> false;
        };
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

    static Array unary(UnaryOp op, Array a) {
        DType t = a.dtype();
        switch (op) {
            case NEGATIVE -> {
                if (t == DType.BOOL) throw new IllegalArgumentException("negative: not supported for bool (use logicalNot)");
            }
            case ABS -> { // as MLX: the magnitude of a complex number is real
                if (t.isComplex()) return astype(make(new Unary(op), a.node().shape, t, a), DType.FLOAT32);
            }
            case SIGN, SQUARE -> { }
            case FLOOR, CEIL, ROUND -> {
                if (!t.isInexact()) return a;
                if (t.isComplex()) throw new IllegalArgumentException(op.opName() + ": not defined for complex64");
            }
            case LOGICAL_NOT, ISNAN, ISINF, ISFINITE -> {
                return make(new Unary(op), a.node().shape, DType.BOOL, a);
            }
            case BITWISE_INVERT -> {
                if (t.isInexact()) {
                    throw new IllegalArgumentException("bitwiseInvert: needs an integer or bool input, got " + t.mlxName());
                }
            }
            case REAL, IMAG -> {
                if (!t.isComplex()) return op == UnaryOp.REAL ? a : Mx.zerosLike(toInexact(a));
                return make(new Unary(op), a.node().shape, DType.FLOAT32, a);
            }
            case CONJUGATE -> { if (!t.isComplex()) return a; }
            default -> {
                if (!t.isInexact()) a = astype(a, DType.FLOAT32);
                if (a.dtype().isComplex() && !complexUnary(op)) {
                    throw new IllegalArgumentException(op.opName() + ": not defined for complex64");
                }
            }
        }
        return make(new Unary(op), a.node().shape, a.dtype(), a);
    }

    private static boolean complexUnary(UnaryOp op) {
        return switch (op) {
            case EXP, LOG, SIN, COS, SQRT, RECIPROCAL -> true;
            default -> false;
        };
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
