package org.mlx4j.core;

import static org.mlx4j.core.primitives.LinalgTriangles.mT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mlx4j.core.primitives.LinalgFactor;
import org.mlx4j.core.primitives.LinalgKind;
import org.mlx4j.core.primitives.LinalgTriangles;

/**
 * Linear algebra, MLX's {@code mx.linalg}: norms, factorizations (LU, QR, Cholesky, SVD, eigen), inverses and
 * solvers. Every op works on the last two axes and is batched over the leading ones; factorizations and
 * inverses take float32 or float64 matrices (the result has the input's dtype, eigenvalues and eigenvectors of
 * general matrices are complex64) and throw {@link IllegalArgumentException} naming the operation for any other
 * dtype, fewer than two dimensions, or a non-square matrix where a square one is needed. The CPU computes them
 * with LAPACK through the foreign-function API when the loaded OpenBLAS provides it, and with pure-Java kernels
 * otherwise ({@code -Dmlx4j.linalg.java=true} forces those). Gradients (vjp, jvp) are defined for norms, inv,
 * tri_inv, solve, solve_triangular, cholesky, cholesky_inv, qr (rows &gt;= columns), svd (singular values; the
 * vectors of square matrices), eigh, eigvalsh, lu, lu_factor, det and slogdet (square matrices); all ops vmap.
 *
 * <pre>{@code
 * Array a = Mx.array(new float[] {4, 2, 2, 3}, 2, 2);
 * System.out.println(Linalg.det(a)); // array(8, dtype=float32)
 * System.out.println(Linalg.solve(a, Mx.array(new float[] {8, 8}, 2))); // array([1, 2], dtype=float32)
 * System.out.println(Linalg.eigvalsh(Mx.array(new float[] {2, 0, 0, 1}, 2, 2))); // array([1, 2], dtype=float32)
 * }</pre>
 */
public final class Linalg {
    private Linalg() {}

    // ---- norms

    /**
     * The 2-norm of the flattened array (the Frobenius norm of a matrix). MLX: {@code mx.linalg.norm(a)}.
     *
     * @param a any array
     * @return a scalar, float32 for integer and bool inputs, else {@code a}'s (real) float dtype
     */
    public static Array norm(Array a) { return l2(Mx.flatten(a), new int[] {0}, false); }

    /**
     * The 2-norm over {@code axes}: the vector 2-norm over one axis, the Frobenius norm over two.
     * MLX: {@code mx.linalg.norm(a, axis=axes, keepdims=keepDims)}.
     *
     * @param a any array
     * @param axes one or two axes, or null for the flattened array
     * @param keepDims whether the reduced axes stay with extent 1
     * @return the norms
     * @throws IllegalArgumentException for more than two axes or an axis out of range
     */
    public static Array norm(Array a, int[] axes, boolean keepDims) {
        if (axes == null) return keepDims ? Mx.reshape(norm(a), ones(a.ndim())) : norm(a);
        if (axes.length == 0 || axes.length > 2) throw tooManyAxes(axes);
        return l2(a, normalized("linalg.norm", axes, a.ndim()), keepDims);
    }

    /**
     * The norm of order {@code ord} over all axes of a vector or matrix. MLX: {@code mx.linalg.norm(a, ord)}.
     *
     * @param a a 1-d or 2-d array
     * @param ord the order (see {@link #norm(Array, double, int[], boolean)})
     * @return a scalar
     * @throws IllegalArgumentException for other ranks or an order not defined for the rank
     */
    public static Array norm(Array a, double ord) { return norm(a, ord, null, false); }

    /**
     * The norm of order {@code ord}. Over one axis (a vector norm): {@code inf} (largest magnitude),
     * {@code -inf} (smallest), {@code 0} (count of nonzeros), {@code 1}, {@code 2} and any other {@code p}
     * ({@code sum(|x|^p)^(1/p)}). Over two axes (a matrix norm): {@code 1} and {@code -1} (largest / smallest
     * column sum of magnitudes), {@code inf} and {@code -inf} (rows), {@code 2} and {@code -2} (largest / smallest
     * singular value). MLX: {@code mx.linalg.norm(a, ord, axis, keepdims)}.
     *
     * @param a any array (float32 or float64 for the orders 2 and -2 of a matrix)
     * @param ord the order
     * @param axes one or two axes, or null for all axes (then {@code a} must be 1-d or 2-d)
     * @param keepDims whether the reduced axes stay with extent 1
     * @return the norms, float32 for integer and bool inputs, else {@code a}'s (real) float dtype
     * @throws IllegalArgumentException for more than two axes, repeated axes, or a matrix order not listed
     */
    public static Array norm(Array a, double ord, int[] axes, boolean keepDims) {
        int[] ax = axes == null ? allAxes(a.ndim()) : normalized("linalg.norm", axes, a.ndim());
        if (ax.length == 1) return vectorNorm(a, ord, ax, keepDims);
        if (ax.length == 2) return matrixNorm(a, ord, ax, keepDims);
        throw tooManyAxes(ax);
    }

    /**
     * A matrix norm by name: {@code "fro"} (or {@code "f"}), the Frobenius norm, or {@code "nuc"}, the nuclear
     * norm (the sum of the singular values). MLX: {@code mx.linalg.norm(a, ord, axis, keepdims)} with a string
     * {@code ord}.
     *
     * @param a an array with at least two dimensions (float32 or float64 for {@code "nuc"})
     * @param ord {@code "fro"}, {@code "f"} or {@code "nuc"}
     * @param axes two axes, or null for all axes (then {@code a} must be 2-d)
     * @param keepDims whether the reduced axes stay with extent 1
     * @return the norms
     * @throws IllegalArgumentException for another name or not exactly two axes
     */
    public static Array norm(Array a, String ord, int[] axes, boolean keepDims) {
        int[] ax = axes == null ? allAxes(a.ndim()) : normalized("linalg.norm", axes, a.ndim());
        if (ax.length != 2) {
            throw new IllegalArgumentException("linalg.norm: norm '" + ord + "' is only defined for matrices (two axes), got "
                    + ax.length + " axes");
        }
        return switch (ord) {
            case "fro", "f" -> l2(a, ax, keepDims);
            case "nuc" -> singularValueNorm(a, ax, keepDims, "nuc");
            default -> throw new IllegalArgumentException("linalg.norm: invalid matrix norm '" + ord
                    + "'; valid are 'fro', 'f' and 'nuc'");
        };
    }

    private static Array l2(Array a, int[] axes, boolean keepDims) {
        Array sq = a.dtype().isComplex() ? Mx.square(Mx.abs(a)) : Mx.square(a);
        return Mx.sqrt(Mx.sum(sq, axes, keepDims));
    }

    private static Array vectorNorm(Array a, double ord, int[] axes, boolean keepDims) {
        DType t = atLeastFloat(a.dtype());
        if (ord == 0) return Mx.astype(Mx.sum(Mx.notEqual(a, 0L), axes, keepDims), t);
        if (ord == 1) return Mx.astype(Mx.sum(Mx.abs(a), axes, keepDims), t);
        if (ord == 2) return l2(a, axes, keepDims);
        if (ord == Double.POSITIVE_INFINITY) return Mx.astype(Mx.max(Mx.abs(a), axes, keepDims), t);
        if (ord == Double.NEGATIVE_INFINITY) return Mx.astype(Mx.min(Mx.abs(a), axes, keepDims), t);
        Array magnitude = Mx.astype(Mx.abs(a), t);
        return Mx.power(Mx.sum(Mx.power(magnitude, ord), axes, keepDims), 1.0 / ord);
    }

    private static Array matrixNorm(Array a, double ord, int[] ax, boolean keepDims) {
        if (ax[0] == ax[1]) throw new IllegalArgumentException("linalg.norm: repeated axis " + ax[0]);
        DType t = atLeastFloat(a.dtype());
        int row = ax[0], col = ax[1];
        if (ord == 1 || ord == -1) {
            if (!keepDims && col > row) col--;
            Array sums = Mx.sum(Mx.abs(a), new int[] {row}, keepDims);
            return Mx.astype(ord == 1 ? Mx.max(sums, new int[] {col}, keepDims) : Mx.min(sums, new int[] {col}, keepDims), t);
        }
        if (ord == Double.POSITIVE_INFINITY || ord == Double.NEGATIVE_INFINITY) {
            if (!keepDims && row > col) row--;
            Array sums = Mx.sum(Mx.abs(a), new int[] {col}, keepDims);
            return Mx.astype(ord > 0 ? Mx.max(sums, new int[] {row}, keepDims) : Mx.min(sums, new int[] {row}, keepDims), t);
        }
        if (ord == 2 || ord == -2) return singularValueNorm(a, ax, keepDims, ord == 2 ? "max" : "min");
        throw new IllegalArgumentException("linalg.norm: invalid order " + ord + " for a matrix norm; valid are 1, -1, 2, -2,"
                + " inf, -inf, 'fro' and 'nuc'");
    }

    /** Largest, smallest or sum of the singular values over the two axes {@code ax}. */
    private static Array singularValueNorm(Array a, int[] ax, boolean keepDims, String which) {
        int nd = a.ndim();
        int[] perm = new int[nd];
        int j = 0;
        for (int i = 0; i < nd; i++) if (i != ax[0] && i != ax[1]) perm[j++] = i;
        perm[j++] = ax[0];
        perm[j] = ax[1];
        Array s = svdValues("linalg.norm", Mx.transpose(a, perm));
        Array r = switch (which) {
            case "max" -> Mx.max(s, -1);
            case "min" -> Mx.min(s, -1);
            default -> Mx.sum(s, -1);
        };
        if (!keepDims) return r;
        int[] sorted = ax.clone();
        Arrays.sort(sorted);
        return Mx.expandDims(Mx.expandDims(r, sorted[0]), sorted[1]);
    }

    // ---- factorizations

    /**
     * The reduced QR factorization {@code a = q @ r}: {@code q} ({@code m x k}) with orthonormal columns and
     * {@code r} ({@code k x n}) upper triangular, {@code k = min(m, n)} (LAPACK's signs: {@code r}'s diagonal
     * may be negative). MLX: {@code mx.linalg.qr}.
     *
     * @param a float32 or float64, at least 2-d
     * @return {@code [q, r]}
     * @throws IllegalArgumentException for another dtype or fewer than two dimensions
     */
    public static List<Array> qr(Array a) {
        check("linalg.qr", a, false);
        return LinalgFactor.apply(LinalgKind.QR, a);
    }

    /**
     * The singular value decomposition {@code a = u[:, :k] @ diag(s) @ vt[:k]} with full {@code u}
     * ({@code m x m}) and {@code vt} ({@code n x n}), singular values descending. MLX: {@code mx.linalg.svd}.
     *
     * @param a float32 or float64, at least 2-d
     * @return {@code [u, s, vt]}
     * @throws IllegalArgumentException for another dtype or fewer than two dimensions
     */
    public static List<Array> svd(Array a) { return svd(a, true); }

    /**
     * The singular value decomposition, or only the singular values. MLX: {@code mx.linalg.svd(a, compute_uv)}.
     *
     * @param a float32 or float64, at least 2-d
     * @param computeUv whether to compute the singular vectors
     * @return {@code [u, s, vt]}, or {@code [s]} without vectors
     * @throws IllegalArgumentException for another dtype or fewer than two dimensions
     */
    public static List<Array> svd(Array a, boolean computeUv) {
        check("linalg.svd", a, false);
        return LinalgFactor.apply(computeUv ? LinalgKind.SVD : LinalgKind.SVD_VALUES, a);
    }

    private static Array svdValues(String op, Array a) {
        check(op, a, false);
        return LinalgFactor.apply(LinalgKind.SVD_VALUES, a).get(0);
    }

    /**
     * The inverse of each square matrix. MLX: {@code mx.linalg.inv}.
     *
     * @param a float32 or float64, square, at least 2-d
     * @return the inverses
     * @throws IllegalArgumentException for bad input; evaluating it throws when a matrix is singular
     */
    public static Array inv(Array a) {
        check("linalg.inv", a, true);
        return LinalgFactor.apply(LinalgKind.INV, a).get(0);
    }

    /**
     * The inverse of the lower triangle of each matrix (the other triangle is not read; the result's is zero).
     * MLX: {@code mx.linalg.tri_inv(a)}.
     *
     * @param a float32 or float64, square, at least 2-d
     * @return the inverses, lower triangular
     * @throws IllegalArgumentException for bad input; evaluating it throws when a diagonal element is zero
     */
    public static Array triInv(Array a) { return triInv(a, false); }

    /**
     * The inverse of the lower or upper triangle of each matrix. MLX: {@code mx.linalg.tri_inv(a, upper)}.
     *
     * @param a float32 or float64, square, at least 2-d
     * @param upper whether to read (and return) the upper triangle
     * @return the inverses
     * @throws IllegalArgumentException for bad input; evaluating it throws when a diagonal element is zero
     */
    public static Array triInv(Array a, boolean upper) {
        check("linalg.tri_inv", a, true);
        return lowerOrUpper(LinalgKind.TRI_INV, a, upper);
    }

    /**
     * The lower Cholesky factor {@code l} with {@code a = l @ l^T}, reading the lower triangle of the symmetric
     * positive-definite {@code a}. MLX: {@code mx.linalg.cholesky(a)}.
     *
     * @param a float32 or float64, square, at least 2-d
     * @return the factors
     * @throws IllegalArgumentException for bad input; evaluating it throws when a matrix is not positive definite
     */
    public static Array cholesky(Array a) { return cholesky(a, false); }

    /**
     * The Cholesky factor, lower ({@code a = l @ l^T}, lower triangle read) or upper ({@code a = u^T @ u}, upper
     * triangle read). MLX: {@code mx.linalg.cholesky(a, upper)}.
     *
     * @param a float32 or float64, square, at least 2-d
     * @param upper whether to compute (and read) the upper factor
     * @return the factors
     * @throws IllegalArgumentException for bad input; evaluating it throws when a matrix is not positive definite
     */
    public static Array cholesky(Array a, boolean upper) {
        check("linalg.cholesky", a, true);
        return lowerOrUpper(LinalgKind.CHOLESKY, a, upper);
    }

    /**
     * The inverse of {@code a} from its lower Cholesky factor {@code l}. MLX: {@code mx.linalg.cholesky_inv(l)}.
     *
     * @param l float32 or float64 lower Cholesky factors, square, at least 2-d
     * @return {@code inv(l @ l^T)}
     * @throws IllegalArgumentException for bad input
     */
    public static Array choleskyInv(Array l) { return choleskyInv(l, false); }

    /**
     * The inverse of {@code a} from its Cholesky factor. MLX: {@code mx.linalg.cholesky_inv(l, upper)}.
     *
     * @param factor float32 or float64 Cholesky factors, square, at least 2-d
     * @param upper whether {@code factor} is the upper factor ({@code a = u^T @ u})
     * @return the inverses of {@code a}
     * @throws IllegalArgumentException for bad input
     */
    public static Array choleskyInv(Array factor, boolean upper) {
        check("linalg.cholesky_inv", factor, true);
        Array inverse = lowerOrUpper(LinalgKind.TRI_INV, factor, upper);
        return upper ? Mx.matmul(inverse, mT(inverse)) : Mx.matmul(mT(inverse), inverse);
    }

    /**
     * The Moore-Penrose pseudo-inverse ({@code n x m}) from the SVD, singular values below
     * {@code max(m, n) * eps * s_max} taken as zero. MLX: {@code mx.linalg.pinv}.
     *
     * @param a float32 or float64, at least 2-d
     * @return the pseudo-inverses
     * @throws IllegalArgumentException for bad input
     */
    public static Array pinv(Array a) {
        check("linalg.pinv", a, false);
        int m = a.shape(-2), n = a.shape(-1), k = Math.min(m, n);
        List<Array> usv = LinalgFactor.apply(LinalgKind.SVD, a);
        Array u = LinalgTriangles.leading(usv.get(0), m, k), s = usv.get(1), vt = LinalgTriangles.leading(usv.get(2), k, n);
        if (k == 0) return Mx.zeros(swapLast(a.shape()), a.dtype());
        double eps = a.dtype() == DType.FLOAT32 ? 0x1p-23 : 0x1p-52;
        Array cutoff = Mx.multiply(Mx.max(s, new int[] {-1}, true), Math.max(m, n) * eps);
        Array safe = Mx.where(Mx.greater(s, cutoff), s, 1.0);
        Array inverse = Mx.where(Mx.greater(s, cutoff), Mx.reciprocal(safe), 0.0);
        return Mx.matmul(Mx.multiply(mT(vt), Mx.expandDims(inverse, -2)), mT(u));
    }

    /**
     * The cross product of 3-vectors along {@code axis} (2-vectors are padded with a zero third component, so the
     * result always has 3 there), the other axes broadcast. MLX: {@code mx.linalg.cross(a, b, axis)}.
     *
     * @param a vectors
     * @param b vectors
     * @param axis the axis holding the components (negative counts from the end)
     * @return the cross products, in the promoted dtype
     * @throws IllegalArgumentException when the axis is out of range or its extent is not 2 or 3
     */
    public static Array cross(Array a, Array b, int axis) {
        int ax = Shapes.axis("linalg.cross", axis, Math.max(a.ndim(), b.ndim()));
        int rank = Math.max(a.ndim(), b.ndim());
        a = padComponents(Mx.reshape(a, leadingOnes(a.shape(), rank)), ax);
        b = padComponents(Mx.reshape(b, leadingOnes(b.shape(), rank)), ax);
        Array[] x = components(a, ax), y = components(b, ax);
        Array c0 = Mx.subtract(Mx.multiply(x[1], y[2]), Mx.multiply(x[2], y[1]));
        Array c1 = Mx.subtract(Mx.multiply(x[2], y[0]), Mx.multiply(x[0], y[2]));
        Array c2 = Mx.subtract(Mx.multiply(x[0], y[1]), Mx.multiply(x[1], y[0]));
        return Mx.concatenate(List.of(c0, c1, c2), ax);
    }

    /**
     * The cross product along the last axis. MLX: {@code mx.linalg.cross(a, b)}.
     *
     * @param a vectors
     * @param b vectors
     * @return the cross products
     * @throws IllegalArgumentException when the last extent is not 2 or 3
     */
    public static Array cross(Array a, Array b) { return cross(a, b, -1); }

    /**
     * The eigenvalues of general square matrices, complex64, in LAPACK's order. MLX: {@code mx.linalg.eigvals}.
     *
     * @param a float32 or float64, square, at least 2-d
     * @return the eigenvalues
     * @throws IllegalArgumentException for bad input
     */
    public static Array eigvals(Array a) {
        check("linalg.eigvals", a, true);
        return LinalgFactor.apply(LinalgKind.EIGVALS, a).get(0);
    }

    /**
     * The eigenvalues and right eigenvectors (columns of unit norm, largest component real) of general square
     * matrices, complex64. MLX: {@code mx.linalg.eig}.
     *
     * @param a float32 or float64, square, at least 2-d
     * @return {@code [w, v]} with {@code a @ v == v * w}
     * @throws IllegalArgumentException for bad input
     */
    public static List<Array> eig(Array a) {
        check("linalg.eig", a, true);
        return LinalgFactor.apply(LinalgKind.EIG, a);
    }

    /**
     * The eigenvalues, ascending, of the symmetric matrices the lower triangles define. MLX:
     * {@code mx.linalg.eigvalsh(a)}.
     *
     * @param a float32 or float64, square, at least 2-d
     * @return the eigenvalues
     * @throws IllegalArgumentException for bad input
     */
    public static Array eigvalsh(Array a) { return eigvalsh(a, "L"); }

    /**
     * The eigenvalues, ascending, of symmetric matrices. MLX: {@code mx.linalg.eigvalsh(a, UPLO)}.
     *
     * @param a float32 or float64, square, at least 2-d
     * @param uplo {@code "L"} to read the lower triangle, {@code "U"} the upper
     * @return the eigenvalues
     * @throws IllegalArgumentException for bad input or another {@code uplo}
     */
    public static Array eigvalsh(Array a, String uplo) {
        check("linalg.eigvalsh", a, true);
        return LinalgFactor.apply(LinalgKind.EIGVALSH, triangle("linalg.eigvalsh", a, uplo)).get(0);
    }

    /**
     * The eigenvalues (ascending) and eigenvectors (columns) of the symmetric matrices the lower triangles define.
     * MLX: {@code mx.linalg.eigh(a)}.
     *
     * @param a float32 or float64, square, at least 2-d
     * @return {@code [w, v]} with {@code a @ v == v * w}
     * @throws IllegalArgumentException for bad input
     */
    public static List<Array> eigh(Array a) { return eigh(a, "L"); }

    /**
     * The eigenvalues (ascending) and eigenvectors (columns) of symmetric matrices. MLX:
     * {@code mx.linalg.eigh(a, UPLO)}.
     *
     * @param a float32 or float64, square, at least 2-d
     * @param uplo {@code "L"} to read the lower triangle, {@code "U"} the upper
     * @return {@code [w, v]}
     * @throws IllegalArgumentException for bad input or another {@code uplo}
     */
    public static List<Array> eigh(Array a, String uplo) {
        check("linalg.eigh", a, true);
        return LinalgFactor.apply(LinalgKind.EIGH, triangle("linalg.eigh", a, uplo));
    }

    /**
     * The LU factorization with partial pivoting: {@code p} (uint32 row indices, {@code m}), unit lower
     * {@code l} ({@code m x k}) and upper {@code u} ({@code k x n}) with {@code a == take(l, p, -2) @ u}.
     * MLX: {@code mx.linalg.lu}.
     *
     * @param a float32 or float64, at least 2-d
     * @return {@code [p, l, u]}
     * @throws IllegalArgumentException for bad input
     */
    public static List<Array> lu(Array a) {
        check("linalg.lu", a, false);
        int m = a.shape(-2), n = a.shape(-1), k = Math.min(m, n);
        List<Array> f = LinalgFactor.apply(LinalgKind.LU_FACTOR, a);
        Array packed = f.get(0);
        Array l = Mx.add(LinalgTriangles.tril(LinalgTriangles.leading(packed, m, k), -1), Mx.eye(m, k, 0, a.dtype()));
        Array u = LinalgTriangles.triu(LinalgTriangles.leading(packed, k, n), 0);
        return List.of(f.get(2), l, u);
    }

    /**
     * The compact LU factorization: {@code lu} ({@code m x n}: unit lower L below the diagonal, U on and above)
     * and {@code pivots} ({@code k}, uint32): at step {@code j} row {@code j} was swapped with row
     * {@code pivots[j]} (LAPACK's interchanges, counted from 0). MLX: {@code mx.linalg.lu_factor}.
     *
     * @param a float32 or float64, at least 2-d
     * @return {@code [lu, pivots]}
     * @throws IllegalArgumentException for bad input
     */
    public static List<Array> luFactor(Array a) {
        check("linalg.lu_factor", a, false);
        List<Array> f = LinalgFactor.apply(LinalgKind.LU_FACTOR, a);
        return List.of(f.get(0), f.get(1));
    }

    /**
     * Solves {@code a @ x == b}. {@code b} is a vector ({@code n}, when 1-d) or a stack of matrices
     * ({@code ..., n, r}); batch axes broadcast. MLX: {@code mx.linalg.solve}.
     *
     * @param a float32 or float64 square matrices
     * @param b right-hand sides (float32 or float64 after promotion with {@code a})
     * @return {@code x}, in the promoted dtype
     * @throws IllegalArgumentException for bad input or mismatched shapes; evaluating it throws when a matrix is singular
     */
    public static Array solve(Array a, Array b) {
        DType t = DType.promote(a.dtype(), b.dtype());
        if (t != DType.FLOAT32 && t != DType.FLOAT64) throw dtypeError("linalg.solve", t);
        a = Mx.astype(a, t);
        b = Mx.astype(b, t);
        check("linalg.solve", a, true);
        boolean vector = b.ndim() == 1;
        Array bm = vector ? Mx.expandDims(b, -1) : b;
        if (bm.ndim() < 2 || bm.shape(-2) != a.shape(-1)) {
            throw new IllegalArgumentException("linalg.solve: b of shape " + Arrays.toString(b.shape())
                    + " does not match a of shape " + Arrays.toString(a.shape()) + " (b needs " + a.shape(-1)
                    + (vector ? " elements)" : " rows)"));
        }
        int[] batch = Shapes.broadcast("linalg.solve", Arrays.copyOf(a.shape(), a.ndim() - 2),
                Arrays.copyOf(bm.shape(), bm.ndim() - 2));
        Array ab = Mx.broadcastTo(a, concat(batch, a.shape(-2), a.shape(-1)));
        Array bb = Mx.broadcastTo(bm, concat(batch, bm.shape(-2), bm.shape(-1)));
        Array x = LinalgFactor.apply(LinalgKind.SOLVE, ab, bb).get(0);
        return vector ? Mx.squeeze(x, -1) : x;
    }

    /**
     * Solves {@code a @ x == b} for triangular {@code a} (only the named triangle is read), as
     * {@code tri_inv(a) @ b}. MLX: {@code mx.linalg.solve_triangular}.
     *
     * @param a float32 or float64 square matrices
     * @param b right-hand sides, matrices or a vector
     * @param upper whether {@code a} is upper triangular
     * @return {@code x}
     * @throws IllegalArgumentException for bad input or mismatched shapes
     */
    public static Array solveTriangular(Array a, Array b, boolean upper) {
        DType t = DType.promote(a.dtype(), b.dtype());
        if (t != DType.FLOAT32 && t != DType.FLOAT64) throw dtypeError("linalg.solve_triangular", t);
        check("linalg.solve_triangular", Mx.astype(a, t), true);
        return Mx.matmul(triInv(Mx.astype(a, t), upper), Mx.astype(b, t));
    }

    /**
     * The determinant of each square matrix, from its LU factorization. MLX: {@code mx.linalg.det}.
     *
     * @param a float32 or float64, square, at least 2-d
     * @return the determinants
     * @throws IllegalArgumentException for bad input
     */
    public static Array det(Array a) {
        check("linalg.det", a, true);
        List<Array> f = LinalgFactor.apply(LinalgKind.LU_FACTOR, a);
        return Mx.multiply(Mx.prod(LinalgTriangles.diagonal(f.get(0)), -1), permutationSign(f.get(1), a.dtype()));
    }

    /**
     * The sign and the natural logarithm of the magnitude of the determinant (sign 0 and {@code -inf} for a
     * singular matrix). MLX: {@code mx.linalg.slogdet}.
     *
     * @param a float32 or float64, square, at least 2-d
     * @return {@code [sign, logabsdet]}
     * @throws IllegalArgumentException for bad input
     */
    public static List<Array> slogdet(Array a) {
        check("linalg.slogdet", a, true);
        List<Array> f = LinalgFactor.apply(LinalgKind.LU_FACTOR, a);
        Array diagonal = LinalgTriangles.diagonal(f.get(0));
        Array sign = Mx.multiply(Mx.prod(Mx.sign(diagonal), -1), permutationSign(f.get(1), a.dtype()));
        sign = Mx.add(sign, 0.0); // a singular matrix's sign is +0, as NumPy's
        return List.of(sign, Mx.sum(Mx.log(Mx.abs(diagonal)), -1));
    }

    // ---- helpers

    /** {@code (-1)^(number of row interchanges)}. */
    private static Array permutationSign(Array pivots, DType t) {
        int k = pivots.shape(-1);
        Array swaps = Mx.sum(Mx.astype(Mx.notEqual(pivots, Mx.arange(0, k, 1, DType.UINT32)), DType.INT32), -1);
        Array odd = Mx.astype(Mx.remainder(swaps, Mx.array(2)), t);
        return Mx.subtract(Mx.array(1.0, t), Mx.multiply(odd, 2.0));
    }

    /** The kind applied to the lower triangle, or, for {@code upper}, to the transposes (results transposed back). */
    private static Array lowerOrUpper(LinalgKind kind, Array a, boolean upper) {
        if (!upper) return LinalgFactor.apply(kind, a).get(0);
        return mT(LinalgFactor.apply(kind, mT(a)).get(0));
    }

    /** {@code a} with the named triangle of the symmetric matrix as its lower triangle. */
    private static Array triangle(String op, Array a, String uplo) {
        return switch (uplo) {
            case "L" -> a;
            case "U" -> mT(a);
            default -> throw new IllegalArgumentException(op + ": UPLO must be \"L\" or \"U\", got \"" + uplo + "\"");
        };
    }

    private static void check(String op, Array a, boolean square) {
        if (a.dtype() != DType.FLOAT32 && a.dtype() != DType.FLOAT64) throw dtypeError(op, a.dtype());
        if (a.ndim() < 2) {
            throw new IllegalArgumentException(op + ": arrays must have at least 2 dimensions, got shape "
                    + Arrays.toString(a.shape()));
        }
        if (square && a.shape(-1) != a.shape(-2)) {
            throw new IllegalArgumentException(op + ": matrices must be square, got shape " + Arrays.toString(a.shape()));
        }
    }

    private static IllegalArgumentException dtypeError(String op, DType t) {
        return new IllegalArgumentException(op + ": arrays must have type float32 or float64, got " + t.mlxName());
    }

    private static DType atLeastFloat(DType t) {
        if (t.isComplex()) return DType.FLOAT32;
        return t.isFloating() ? t : DType.FLOAT32;
    }

    private static IllegalArgumentException tooManyAxes(int[] axes) {
        return new IllegalArgumentException("linalg.norm: takes one or two axes, got " + axes.length + " "
                + Arrays.toString(axes));
    }

    private static int[] normalized(String op, int[] axes, int ndim) {
        int[] r = new int[axes.length];
        for (int i = 0; i < axes.length; i++) r[i] = Shapes.axis(op, axes[i], ndim);
        return r;
    }

    private static int[] allAxes(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    private static int[] ones(int n) {
        int[] r = new int[n];
        Arrays.fill(r, 1);
        return r;
    }

    private static int[] concat(int[] batch, int... tail) {
        int[] r = Arrays.copyOf(batch, batch.length + tail.length);
        System.arraycopy(tail, 0, r, batch.length, tail.length);
        return r;
    }

    private static int[] swapLast(int[] shape) {
        int[] r = shape.clone();
        r[r.length - 1] = shape[shape.length - 2];
        r[r.length - 2] = shape[shape.length - 1];
        return r;
    }

    private static int[] leadingOnes(int[] shape, int rank) {
        int[] r = ones(rank);
        System.arraycopy(shape, 0, r, rank - shape.length, shape.length);
        return r;
    }

    private static Array padComponents(Array x, int axis) {
        int size = x.shape(axis);
        if (size == 3) return x;
        if (size != 2) {
            throw new IllegalArgumentException("linalg.cross: the vectors need 2 or 3 components along axis " + axis
                    + ", got shape " + Arrays.toString(x.shape()));
        }
        int[] zeroShape = x.shape();
        zeroShape[axis] = 1;
        return Mx.concatenate(List.of(x, Mx.zeros(zeroShape, x.dtype())), axis);
    }

    private static Array[] components(Array x, int axis) {
        List<Array> parts = new ArrayList<>(3);
        for (int c = 0; c < 3; c++) {
            int[] start = new int[x.ndim()], stop = x.shape(), step = ones(x.ndim());
            start[axis] = c;
            stop[axis] = c + 1;
            parts.add(Mx.slice(x, start, stop, step));
        }
        return parts.toArray(new Array[0]);
    }
}
