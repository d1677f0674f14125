package org.mlx4j.core.backend.cpu;

/**
 * Pure-Java singular value decomposition of one row-major float64 matrix by one-sided Jacobi rotations
 * (Hestenes), singular values descending; the left vectors are completed to a full orthonormal basis with
 * Householder reflections ({@link LinalgJavaQr}) where the matrix is not square or not of full rank.
 */
final class LinalgJavaSvd {
    private static final int MAX_SWEEPS = 100;
    private static final double EPS = 0x1p-52;

    private LinalgJavaSvd() {}

    /**
     * {@code a = u diag(s) vt} for the {@code m x n} matrix {@code a}: {@code s} gets {@code min(m, n)} values; when
     * {@code u} ({@code m x m}) and {@code vt} ({@code n x n}) are not null they get the full singular vectors.
     */
    static void svd(double[] a, int m, int n, double[] u, double[] s, double[] vt) {
        if (m < n) { // a^T = u' s v'^T, so a = v' s u'^T
            double[] at = new double[n * m];
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) at[j * m + i] = a[i * n + j];
            double[] ut = u == null ? null : new double[n * n], vtt = u == null ? null : new double[m * m];
            svd(at, n, m, ut, s, vtt);
            if (u == null) return;
            for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) u[i * m + j] = vtt[j * m + i];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) vt[i * n + j] = ut[j * n + i];
            return;
        }
        // m >= n: orthogonalise the columns of a, accumulating the rotations in v
        double[][] cols = new double[n][m], v = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) cols[j][i] = a[i * n + j];
            v[j][j] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double alpha = dot(cols[p], cols[p]), beta = dot(cols[q], cols[q]), gamma = dot(cols[p], cols[q]);
                    if (gamma == 0 || Math.abs(gamma) <= EPS * Math.sqrt(alpha * beta)) continue;
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    if (Double.isInfinite(zeta * zeta)) t = 1 / (2 * zeta);
                    double c = 1 / Math.sqrt(1 + t * t), sn = c * t;
                    rotate(cols[p], cols[q], c, sn);
                    rotate(v[p], v[q], c, sn);
                }
            }
            if (!rotated) break;
        }
        double[] norms = new double[n];
        Integer[] order = new Integer[n];
        for (int j = 0; j < n; j++) {
            norms[j] = Math.sqrt(dot(cols[j], cols[j]));
            order[j] = j;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(norms[y], norms[x]));
        for (int j = 0; j < n; j++) s[j] = norms[order[j]];
        if (u == null) return;
        for (int j = 0; j < n; j++) for (int i = 0; i < n; i++) vt[j * n + i] = v[order[j]][i];
        double tol = Math.max(m, n) * EPS * (n > 0 ? s[0] : 0);
        int rank = 0;
        while (rank < n && s[rank] > tol && s[rank] > 0) rank++;
        java.util.Arrays.fill(u, 0, m * m, 0);
        for (int j = 0; j < rank; j++) {
            double[] c = cols[order[j]];
            for (int i = 0; i < m; i++) u[i * m + j] = c[i] / s[j];
        }
        if (rank < m) complete(u, m, rank);
    }

    /** Fills columns {@code rank..m-1} of the {@code m x m} row-major {@code u} with an orthonormal complement of the first ones. */
    static void complete(double[] u, int m, int rank) {
        double[] basis = new double[m * rank];
        for (int i = 0; i < m; i++) System.arraycopy(u, i * m, basis, i * rank, rank);
        double[] full = LinalgJavaQr.q(LinalgJavaQr.reduce(basis, m, rank), m, m);
        for (int i = 0; i < m; i++) System.arraycopy(full, i * m + rank, u, i * m + rank, m - rank);
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += x[i] * y[i];
        return s;
    }

    private static void rotate(double[] x, double[] y, double c, double s) {
        for (int i = 0; i < x.length; i++) {
            double xi = x[i], yi = y[i];
            x[i] = c * xi - s * yi;
            y[i] = s * xi + c * yi;
        }
    }
}
