package org.mlx4j.core.backend.cpu;

/**
 * Pure-Java triangular factorizations of one row-major float64 matrix: LU with partial pivoting, and what is
 * built on it (inverse, solve), Cholesky and the inverse of a lower triangle. The LAPACK path
 * ({@link LinalgLapack}) computes the same results when a library provides it.
 */
final class LinalgJavaLu {
    private LinalgJavaLu() {}

    /**
     * LU of the {@code m x n} matrix {@code a} in place (unit lower L below the diagonal, U on and above it).
     * {@code pivots[j]} is the row swapped with row {@code j} at step {@code j}; row {@code i} of {@code L U} is row
     * {@code rows[i]} of the input. Singular matrices factor too (a zero pivot is left in U).
     */
    static void factor(double[] a, int m, int n, int[] pivots, int[] rows) {
        for (int i = 0; i < m; i++) rows[i] = i;
        int k = Math.min(m, n);
        for (int j = 0; j < k; j++) {
            int p = j;
            double best = Math.abs(a[j * n + j]);
            for (int i = j + 1; i < m; i++) {
                double v = Math.abs(a[i * n + j]);
                if (v > best) {
                    best = v;
                    p = i;
                }
            }
            pivots[j] = p;
            if (p != j) {
                for (int c = 0; c < n; c++) {
                    double t = a[j * n + c];
                    a[j * n + c] = a[p * n + c];
                    a[p * n + c] = t;
                }
                int t = rows[j];
                rows[j] = rows[p];
                rows[p] = t;
            }
            double d = a[j * n + j];
            if (d == 0) continue;
            for (int i = j + 1; i < m; i++) {
                double f = a[i * n + j] /= d;
                if (f == 0) continue;
                for (int c = j + 1; c < n; c++) a[i * n + c] -= f * a[j * n + c];
            }
        }
    }

    /** Solves {@code a x = b} for the {@code n x r} right-hand sides {@code b}, in place; {@code a} is overwritten. */
    static void solve(String op, double[] a, int n, double[] b, int r) {
        int[] pivots = new int[n], rows = new int[n];
        factor(a, n, n, pivots, rows);
        requireNonsingular(op, a, n);
        for (int j = 0; j < n; j++) {
            int p = pivots[j];
            if (p == j) continue;
            for (int c = 0; c < r; c++) {
                double t = b[j * r + c];
                b[j * r + c] = b[p * r + c];
                b[p * r + c] = t;
            }
        }
        for (int i = 0; i < n; i++) { // L y = b
            for (int kk = 0; kk < i; kk++) {
                double f = a[i * n + kk];
                if (f != 0) for (int c = 0; c < r; c++) b[i * r + c] -= f * b[kk * r + c];
            }
        }
        for (int i = n - 1; i >= 0; i--) { // U x = y
            for (int kk = i + 1; kk < n; kk++) {
                double f = a[i * n + kk];
                if (f != 0) for (int c = 0; c < r; c++) b[i * r + c] -= f * b[kk * r + c];
            }
            double d = a[i * n + i];
            for (int c = 0; c < r; c++) b[i * r + c] /= d;
        }
    }

    /** The inverse of the {@code n x n} matrix {@code a} ({@code a} is overwritten). */
    static double[] inverse(String op, double[] a, int n) {
        double[] x = new double[n * n];
        for (int i = 0; i < n; i++) x[i * n + i] = 1;
        solve(op, a, n, x, n);
        return x;
    }

    /** The lower Cholesky factor of the symmetric matrix the lower triangle of {@code a} defines, in place. */
    static void cholesky(String op, double[] a, int n) {
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int kk = 0; kk < j; kk++) d -= a[j * n + kk] * a[j * n + kk];
            if (!(d > 0)) {
                throw new IllegalArgumentException(op + ": the matrix is not positive definite (leading minor of order "
                        + (j + 1) + ")");
            }
            d = Math.sqrt(d);
            a[j * n + j] = d;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int kk = 0; kk < j; kk++) s -= a[i * n + kk] * a[j * n + kk];
                a[i * n + j] = s / d;
            }
            for (int c = j + 1; c < n; c++) a[j * n + c] = 0;
        }
    }

    /** The inverse of the lower triangle of {@code a} (upper part zero), in place. */
    static void lowerInverse(String op, double[] a, int n) {
        for (int i = 0; i < n; i++) {
            if (a[i * n + i] == 0) throw singular(op);
            for (int c = i + 1; c < n; c++) a[i * n + c] = 0;
        }
        for (int j = 0; j < n; j++) {
            a[j * n + j] = 1 / a[j * n + j];
            for (int i = j + 1; i < n; i++) {
                double s = 0;
                for (int kk = j; kk < i; kk++) s += a[i * n + kk] * a[kk * n + j];
                a[i * n + j] = -s / a[i * n + i];
            }
        }
    }

    private static void requireNonsingular(String op, double[] lu, int n) {
        for (int i = 0; i < n; i++) if (lu[i * n + i] == 0) throw singular(op);
    }

    static IllegalArgumentException singular(String op) {
        return new IllegalArgumentException(op + ": the matrix is singular");
    }
}
