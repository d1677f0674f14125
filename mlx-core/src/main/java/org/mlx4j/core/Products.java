package org.mlx4j.core;

import java.util.Arrays;

/**
 * Array products built from matmul, broadcasting multiplies, reshapes and transposes (as MLX builds them), so
 * their gradients, jvps and vmaps are those of the ops they are made of.
 */
final class Products {
    private Products() {}

    /** MLX: {@code mx.outer}: the flattened {@code a} as a column times the flattened {@code b} as a row. */
    static Array outer(Array a, Array b) {
        return Mx.multiply(Mx.reshape(a, -1, 1), Mx.reshape(b, 1, -1));
    }

    /** MLX: {@code mx.inner}: a scalar operand multiplies; otherwise the last axes of both are contracted. */
    static Array inner(Array a, Array b) {
        if (a.ndim() == 0 || b.ndim() == 0) return Mx.multiply(a, b);
        if (a.shape(-1) != b.shape(-1)) {
            throw new IllegalArgumentException("inner: the last dimensions differ: shapes " + Shapes.str(a.shape()) + " and "
                    + Shapes.str(b.shape()));
        }
        return tensordot("inner", a, b, new int[] {-1}, new int[] {-1});
    }

    /** MLX: {@code mx.tensordot(a, b, axes=n)}: the last {@code n} axes of {@code a} with the first {@code n} of {@code b}. */
    static Array tensordot(Array a, Array b, int axes) {
        if (axes < 0 || axes > a.ndim() || axes > b.ndim()) {
            throw new IllegalArgumentException("tensordot: axes must be in [0, min(ndim)] = [0, " + Math.min(a.ndim(), b.ndim())
                    + "] for shapes " + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape()) + ", got " + axes);
        }
        int[] ax = new int[axes], bx = new int[axes];
        for (int i = 0; i < axes; i++) {
            ax[i] = a.ndim() - axes + i;
            bx[i] = i;
        }
        return tensordot("tensordot", a, b, ax, bx);
    }

    /** MLX: {@code mx.tensordot(a, b, axes=[axesA, axesB])}: the listed axes contracted pairwise. */
    static Array tensordot(Array a, Array b, int[] axesA, int[] axesB) {
        return tensordot("tensordot", a, b, axesA, axesB);
    }

    private static Array tensordot(String op, Array a, Array b, int[] axesA, int[] axesB) {
        requireFloating(op, a, b);
        if (axesA.length != axesB.length) {
            throw new IllegalArgumentException(op + ": " + axesA.length + " axes of a and " + axesB.length
                    + " axes of b given; they are contracted pairwise, so their numbers must match");
        }
        int[] as = a.shape(), bs = b.shape();
        boolean[] contractedA = new boolean[as.length], contractedB = new boolean[bs.length];
        int[] ca = new int[axesA.length], cb = new int[axesB.length];
        long k = 1;
        for (int i = 0; i < axesA.length; i++) {
            ca[i] = Shapes.axis(op, axesA[i], as.length);
            cb[i] = Shapes.axis(op, axesB[i], bs.length);
            if (contractedA[ca[i]] || contractedB[cb[i]]) {
                throw new IllegalArgumentException(op + ": an axis is listed twice in " + Arrays.toString(axesA) + " / "
                        + Arrays.toString(axesB));
            }
            contractedA[ca[i]] = true;
            contractedB[cb[i]] = true;
            if (as[ca[i]] != bs[cb[i]]) {
                throw new IllegalArgumentException(op + ": contracted dimensions differ: axis " + axesA[i] + " of shape "
                        + Shapes.str(as) + " (" + as[ca[i]] + ") vs axis " + axesB[i] + " of shape " + Shapes.str(bs)
                        + " (" + bs[cb[i]] + ")");
            }
            k *= as[ca[i]];
        }
        int[] freeA = free(contractedA), freeB = free(contractedB);
        int[] permA = concat(freeA, ca), permB = concat(cb, freeB);
        long m = 1, n = 1;
        int[] outShape = new int[freeA.length + freeB.length];
        for (int i = 0; i < freeA.length; i++) m *= outShape[i] = as[freeA[i]];
        for (int i = 0; i < freeB.length; i++) n *= outShape[freeA.length + i] = bs[freeB[i]];
        Array x = Mx.reshape(Mx.transpose(a, permA), (int) m, (int) k);
        Array y = Mx.reshape(Mx.transpose(b, permB), (int) k, (int) n);
        return Mx.reshape(Mx.matmul(x, y), outShape);
    }

    /** Matmul-based products take floating operands only, as MLX's matmul. */
    private static void requireFloating(String op, Array a, Array b) {
        if (!DType.promote(a.dtype(), b.dtype()).isFloating()) {
            throw new IllegalArgumentException(op + ": only floating point types are supported (a matmul, as in MLX), got "
                    + a.dtype().mlxName() + " and " + b.dtype().mlxName());
        }
    }

    private static int[] free(boolean[] contracted) {
        int count = 0;
        for (boolean c : contracted) if (!c) count++;
        int[] out = new int[count];
        for (int i = 0, j = 0; i < contracted.length; i++) if (!contracted[i]) out[j++] = i;
        return out;
    }

    static int[] concat(int[] a, int[] b) {
        int[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** MLX: {@code mx.kron}: every element of {@code a} times the whole of {@code b}, blocks laid out as {@code a}. */
    static Array kron(Array a, Array b) {
        int nd = Math.max(a.ndim(), b.ndim());
        int[] as = leadingOnes(a.shape(), nd), bs = leadingOnes(b.shape(), nd);
        int[] ae = new int[2 * nd], be = new int[2 * nd], out = new int[nd];
        for (int i = 0; i < nd; i++) {
            ae[2 * i] = as[i];
            ae[2 * i + 1] = 1;
            be[2 * i] = 1;
            be[2 * i + 1] = bs[i];
            out[i] = Math.multiplyExact(as[i], bs[i]);
        }
        return Mx.reshape(Mx.multiply(Mx.reshape(a, ae), Mx.reshape(b, be)), out);
    }

    private static int[] leadingOnes(int[] shape, int nd) {
        int[] r = new int[nd];
        Arrays.fill(r, 1);
        System.arraycopy(shape, 0, r, nd - shape.length, shape.length);
        return r;
    }

    /** NumPy's and the array API's {@code vecdot}: {@code sum(conj(a) * b, axis)} over broadcast operands. */
    static Array vecdot(Array a, Array b, int axis) {
        int[] shape = Shapes.broadcast("vecdot", a.shape(), b.shape());
        if (shape.length == 0) {
            throw new IllegalArgumentException("vecdot: the operands must have at least one dimension, got shapes "
                    + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape()));
        }
        int ax = Shapes.axis("vecdot", axis, shape.length);
        int ia = ax - (shape.length - a.ndim()), ib = ax - (shape.length - b.ndim());
        if (ia < 0 || ib < 0 || a.shape(ia) != b.shape(ib)) {
            throw new IllegalArgumentException("vecdot: the operands must have the same length along axis " + axis
                    + ", got shapes " + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape()));
        }
        Array ca = a.dtype().isComplex() ? Mx.conjugate(a) : a;
        return Mx.sum(Mx.multiply(ca, b), ax);
    }

    /** MLX: {@code mx.addmm}: {@code alpha * (a @ b) + beta * c}. */
    static Array addmm(Array c, Array a, Array b, double alpha, double beta) {
        requireFloating("addmm", a, b);
        Array ab = Mx.matmul(a, b);
        Array scaled = alpha == 1.0 ? ab : Mx.multiply(ab, alpha);
        if (!Arrays.equals(Shapes.broadcast("addmm", c.shape(), ab.shape()), ab.shape())) {
            throw new IllegalArgumentException("addmm: c of shape " + Shapes.str(c.shape())
                    + " does not broadcast to the product's shape " + Shapes.str(ab.shape()));
        }
        return Mx.add(scaled, beta == 1.0 ? c : Mx.multiply(c, beta));
    }
}
