package org.mlx4j.core.primitives;

/**
 * The matrix factorizations and inversions the {@link LinalgFactor} primitive computes, each over the last
 * two axes of its input(s) and batched over the leading ones. Kinds that read one triangle read the lower one
 * (the public API transposes for the upper one). {@code m, n} are the input's last two extents and
 * {@code k = min(m, n)}.
 */
public enum LinalgKind {
    /** {@code [lu (m, n) packed: unit-lower L below the diagonal, U on and above it; pivots (k) uint32, LAPACK's row
     * interchanges counted from 0; p (m) uint32, the row indices with a == take(l, p, 0) @ u]}. */
    LU_FACTOR(3),
    /** {@code [q (m, k), r (k, n)]}, the reduced factors. */
    QR(2),
    /** {@code [u (m, m), s (k), vt (n, n)]}. */
    SVD(3),
    /** {@code [s (k)]}, descending. */
    SVD_VALUES(1),
    /** {@code [w (n) ascending, v (n, n) eigenvectors as columns]} of the symmetric matrix read from the lower triangle. */
    EIGH(2),
    /** {@code [w (n)]} ascending. */
    EIGVALSH(1),
    /** {@code [w (n), v (n, n)]}, complex64, eigenvectors of unit norm as columns. */
    EIG(2),
    /** {@code [w (n)]}, complex64. */
    EIGVALS(1),
    /** {@code [l (n, n)]}, lower Cholesky factor of the matrix read from the lower triangle. */
    CHOLESKY(1),
    /** {@code [inverse (n, n)]}. */
    INV(1),
    /** {@code [inverse (n, n)]} of the lower triangle (upper part of the result zero). */
    TRI_INV(1),
    /** inputs {@code a (n, n), b (n, r)}: {@code [x (n, r)]} with {@code a @ x == b}. */
    SOLVE(1);

    private final int outputs;

    LinalgKind(int outputs) { this.outputs = outputs; }

    /** How many arrays the kind produces. */
    public int outputs() { return outputs; }

    /** The operation's name in messages, as MLX spells it ({@code linalg.eigh}). */
    public String mlxName() {
        return switch (this) {
            case LU_FACTOR -> "linalg.lu_factor";
            case SVD_VALUES -> "linalg.svd";
            case TRI_INV -> "linalg.tri_inv";
            default -> "linalg." + name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
