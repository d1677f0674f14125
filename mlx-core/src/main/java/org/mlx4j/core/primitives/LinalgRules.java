package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import static org.mlx4j.core.primitives.LinalgTriangles.diagonalMatrix;
import static org.mlx4j.core.primitives.LinalgTriangles.mT;
import static org.mlx4j.core.primitives.LinalgTriangles.tril;
import static org.mlx4j.core.primitives.LinalgTriangles.triu;

/**
 * Derivatives of the {@link LinalgFactor} kinds, built from ordinary ops (so they differentiate again). Kinds
 * that read the lower triangle see the symmetric (Cholesky, eigh) or triangular (tri_inv) matrix it defines,
 * so their tangents are projected the same way and their cotangents land on the lower triangle only.
 * LU's and the singular vectors' rules need square matrices; eig has no derivative, as in MLX.
 */
final class LinalgRules {
    private LinalgRules() {}

    static List<Array> jvp(LinalgKind kind, List<Array> primals, List<Array> tangents, List<Array> outputs) {
        Array a = primals.get(0), da = tangents.get(0);
        if (kind == LinalgKind.SOLVE) {
            Array db = tangents.get(1), x = outputs.get(0);
            Array rhs = da == null ? db : db == null ? negative(matmul(da, x)) : subtract(db, matmul(da, x));
            return Tangents.one(rhs == null ? null : solve(a, rhs));
        }
        if (da == null) return Tangents.none(kind.outputs());
        return switch (kind) {
            case INV -> {
                Array x = outputs.get(0);
                yield Tangents.one(negative(matmul(matmul(x, da), x)));
            }
            case TRI_INV -> {
                Array x = outputs.get(0);
                yield Tangents.one(negative(matmul(matmul(x, tril(da, 0)), x)));
            }
            case CHOLESKY -> {
                Array l = outputs.get(0), li = triInv(l);
                Array phi = halfDiagonalLower(matmul(matmul(li, symmetricFromLower(da)), mT(li)));
                yield Tangents.one(matmul(l, phi));
            }
            case EIGH, EIGVALSH -> {
                List<Array> wv = kind == LinalgKind.EIGH ? outputs : LinalgFactor.apply(LinalgKind.EIGH, a);
                Array w = wv.get(0), v = wv.get(1);
                Array dp = matmul(matmul(mT(v), symmetricFromLower(da)), v);
                Array dw = diagonalOf(dp);
                yield kind == LinalgKind.EIGVALSH ? Tangents.one(dw)
                        : Tangents.of(dw, matmul(v, multiply(gaps(w), dp)));
            }
            case SVD_VALUES -> {
                List<Array> usv = LinalgFactor.apply(LinalgKind.SVD, a);
                yield Tangents.one(singularValueTangent(usv, da));
            }
            case SVD -> {
                Array u = outputs.get(0), s = outputs.get(1), vt = outputs.get(2);
                Array ds = singularValueTangent(outputs, da);
                requireSquare(a, "the tangents of u and vt");
                Array dp = matmul(matmul(mT(u), da), mT(vt));
                Array f = singularGaps(s), row = expandDims(s, -2), col = expandDims(s, -1);
                Array omegaU = multiply(f, add(multiply(dp, row), multiply(col, mT(dp))));
                Array omegaV = multiply(f, add(multiply(col, dp), multiply(mT(dp), row)));
                yield Tangents.of(matmul(u, omegaU), ds, negative(matmul(omegaV, vt)));
            }
            case QR -> {
                Array q = outputs.get(0), r = outputs.get(1);
                if (a.shape(-2) < a.shape(-1)) throw noDerivative(kind, a, "needs rows >= columns");
                Array y = matmul(da, mT(triInv(mT(r))));
                Array c = matmul(mT(q), y);
                Array lower = tril(c, -1), omega = subtract(lower, mT(lower));
                yield Tangents.of(add(matmul(q, subtract(omega, c)), y), matmul(subtract(c, omega), r));
            }
            case LU_FACTOR -> {
                requireSquare(a, "its derivative");
                Array lu = outputs.get(0), p = outputs.get(2);
                Array l = unitLower(lu), u = triu(lu, 0);
                Array dap = takeAlongAxis(da, rows(argsort(p, -1), a), -2);
                Array f = matmul(matmul(triInv(l), dap), mT(triInv(mT(u))));
                Array dl = matmul(l, tril(f, -1)), du = matmul(triu(f, 0), u);
                yield Tangents.of(add(tril(dl, -1), du), null, null);
            }
            case EIG, EIGVALS -> throw noDerivative(kind, a, "is not defined, as in MLX");
            case SOLVE -> throw new IllegalStateException("handled above");
        };
    }

    static List<Array> vjp(LinalgKind kind, List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        Array a = primals.get(0);
        if (kind == LinalgKind.SOLVE) {
            Array x = outputs.get(0), gb = solve(mT(a), cotangents.get(0));
            Array[] grads = new Array[argnums.length];
            for (int i = 0; i < argnums.length; i++) grads[i] = argnums[i] == 0 ? negative(matmul(gb, mT(x))) : gb;
            return List.of(grads);
        }
        Array ga = switch (kind) {
            case INV -> {
                Array xt = mT(outputs.get(0));
                yield negative(matmul(matmul(xt, cotangents.get(0)), xt));
            }
            case TRI_INV -> {
                Array xt = mT(outputs.get(0));
                yield tril(negative(matmul(matmul(xt, cotangents.get(0)), xt)), 0);
            }
            case CHOLESKY -> {
                Array l = outputs.get(0), li = triInv(l);
                Array inner = halfDiagonalLower(matmul(mT(l), cotangents.get(0)));
                yield lowerOfSymmetric(matmul(matmul(mT(li), inner), li));
            }
            case EIGH, EIGVALSH -> {
                List<Array> wv = kind == LinalgKind.EIGH ? outputs : LinalgFactor.apply(LinalgKind.EIGH, a);
                Array w = wv.get(0), v = wv.get(1);
                Array gw = cotangents.get(0), gv = kind == LinalgKind.EIGH ? cotangents.get(1) : null;
                Array pbar = gw == null ? null : diagonalMatrix(gw);
                if (gv != null) pbar = addNullable(pbar, multiply(gaps(w), matmul(mT(v), gv)));
                yield pbar == null ? zerosLike(a) : lowerOfSymmetric(matmul(matmul(v, pbar), mT(v)));
            }
            case SVD_VALUES -> singularValueCotangent(LinalgFactor.apply(LinalgKind.SVD, a), cotangents.get(0), a);
            case SVD -> {
                Array u = outputs.get(0), s = outputs.get(1), vt = outputs.get(2);
                Array gu = cotangents.get(0), gs = cotangents.get(1), gvt = cotangents.get(2);
                if (gu == null && gvt == null) yield singularValueCotangent(outputs, gs, a);
                requireSquare(a, "the gradient through u and vt");
                Array f = singularGaps(s), row = expandDims(s, -2), col = expandDims(s, -1);
                Array pbar = gs == null ? null : diagonalMatrix(gs);
                if (gu != null) {
                    Array fx = multiply(f, matmul(mT(u), gu));
                    pbar = addNullable(pbar, add(multiply(fx, row), mT(multiply(col, fx))));
                }
                if (gvt != null) {
                    Array fz = multiply(f, negative(matmul(gvt, mT(vt))));
                    pbar = addNullable(pbar, add(multiply(col, fz), mT(multiply(fz, row))));
                }
                yield matmul(matmul(u, pbar), vt);
            }
            case QR -> {
                Array q = outputs.get(0), r = outputs.get(1), gq = cotangents.get(0), gr = cotangents.get(1);
                if (a.shape(-2) < a.shape(-1)) throw noDerivative(kind, a, "needs rows >= columns");
                Array m = gq == null ? null : matmul(mT(q), gq);
                if (gr != null) m = m == null ? negative(matmul(gr, mT(r))) : subtract(m, matmul(gr, mT(r)));
                if (m == null) yield zerosLike(a);
                Array nn = tril(subtract(m, mT(m)), -1);
                Array inner = matmul(q, subtract(nn, m));
                if (gq != null) inner = add(inner, gq);
                yield matmul(inner, triInv(mT(r)));
            }
            case LU_FACTOR -> {
                Array g = cotangents.get(0);
                if (g == null) yield zerosLike(a);
                requireSquare(a, "its derivative");
                Array lu = outputs.get(0), p = outputs.get(2);
                Array l = unitLower(lu), u = triu(lu, 0);
                Array fbar = add(tril(matmul(mT(l), tril(g, -1)), -1), triu(matmul(triu(g, 0), mT(u)), 0));
                Array gap = matmul(matmul(mT(triInv(l)), fbar), triInv(mT(u)));
                yield takeAlongAxis(gap, rows(p, a), -2);
            }
            case EIG, EIGVALS -> throw noDerivative(kind, a, "is not defined, as in MLX");
            case SOLVE -> throw new IllegalStateException("handled above");
        };
        Array[] grads = new Array[argnums.length];
        for (int i = 0; i < argnums.length; i++) grads[i] = ga;
        return List.of(grads);
    }

    // ---- pieces

    private static Array solve(Array a, Array b) { return LinalgFactor.apply(LinalgKind.SOLVE, a, b).get(0); }

    private static Array triInv(Array lower) { return LinalgFactor.apply(LinalgKind.TRI_INV, lower).get(0); }

    private static Array addNullable(Array a, Array b) { return a == null ? b : add(a, b); }

    private static Array eyeLike(Array x) { return eye(x.shape(-1), x.shape(-1), 0, x.dtype()); }

    private static Array diagonalOf(Array x) { return LinalgTriangles.diagonal(x); }

    /** The symmetric matrix the lower triangle of {@code x} defines. */
    private static Array symmetricFromLower(Array x) { return add(tril(x, 0), mT(tril(x, -1))); }

    /** The transpose of {@link #symmetricFromLower}: a cotangent of the symmetric matrix onto its lower triangle. */
    private static Array lowerOfSymmetric(Array g) { return add(tril(g, 0), tril(mT(g), -1)); }

    /** The lower triangle with the diagonal halved. */
    private static Array halfDiagonalLower(Array x) {
        return subtract(tril(x, 0), multiply(multiply(x, eyeLike(x)), array(0.5, x.dtype())));
    }

    /** The unit lower factor packed below the diagonal of an LU matrix. */
    private static Array unitLower(Array lu) { return add(tril(lu, -1), eyeLike(lu)); }

    /** {@code 1 / (w_j - w_i)} off the diagonal, 0 on it. */
    private static Array gaps(Array w) {
        Array eye = eye(w.shape(-1), w.shape(-1), 0, w.dtype());
        Array diff = subtract(expandDims(w, -2), expandDims(w, -1));
        return divide(subtract(onesLike(eye), eye), add(diff, eye));
    }

    /** {@code 1 / (s_j^2 - s_i^2)} off the diagonal, 0 on it. */
    private static Array singularGaps(Array s) { return gaps(square(s)); }

    /** Row indices {@code p} broadcast for takeAlongAxis over the rows of {@code a}. */
    private static Array rows(Array p, Array a) {
        int[] shape = a.shape();
        return broadcastTo(expandDims(astype(p, DType.INT32), -1), shape);
    }

    /** {@code ds_i = u_i^T da v_i} for the first k singular pairs. */
    private static Array singularValueTangent(List<Array> usv, Array da) {
        int k = usv.get(1).shape(-1);
        Array u = firstColumns(usv.get(0), k), vt = firstRows(usv.get(2), k);
        return diagonalOf(matmul(matmul(mT(u), da), mT(vt)));
    }

    private static Array singularValueCotangent(List<Array> usv, Array gs, Array a) {
        if (gs == null) return zerosLike(a);
        int k = usv.get(1).shape(-1);
        Array u = firstColumns(usv.get(0), k), vt = firstRows(usv.get(2), k);
        return matmul(multiply(u, expandDims(gs, -2)), vt);
    }

    private static Array firstColumns(Array x, int k) { return LinalgTriangles.leading(x, x.shape(-2), k); }

    private static Array firstRows(Array x, int k) { return LinalgTriangles.leading(x, k, x.shape(-1)); }

    private static void requireSquare(Array a, String what) {
        if (a.shape(-1) != a.shape(-2)) {
            throw new IllegalArgumentException("linalg: " + what + " needs square matrices, got shape "
                    + java.util.Arrays.toString(a.shape()));
        }
    }

    private static IllegalArgumentException noDerivative(LinalgKind kind, Array a, String why) {
        return new IllegalArgumentException(kind.mlxName() + ": the derivative " + why + " (input shape "
                + java.util.Arrays.toString(a.shape()) + ")");
    }
}
