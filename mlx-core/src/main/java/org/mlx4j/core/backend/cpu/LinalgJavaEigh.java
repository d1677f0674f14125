package org.mlx4j.core.backend.cpu;

/**
 * Pure-Java symmetric eigendecomposition of one row-major float64 matrix by cyclic Jacobi rotations
 * (accurate to the last bits on every eigenvalue, including tiny ones), eigenvalues ascending.
 */
final class LinalgJavaEigh {
    private static final int MAX_SWEEPS = 100;

    private LinalgJavaEigh() {}

    /**
     * Eigenvalues of the symmetric matrix the lower triangle of {@code a} defines, into {@code w} ascending, and
     * when {@code v} is not null the eigenvectors as its columns ({@code n x n}); {@code a} is overwritten.
     */
    static void eigh(double[] a, int n, double[] w, double[] v) {
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) a[i * n + j] = a[j * n + i];
        double[] vec = new double[n * n];
        for (int i = 0; i < n; i++) vec[i * n + i] = 1;
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0, diag = 0;
            for (int i = 0; i < n; i++) {
                diag += a[i * n + i] * a[i * n + i];
                for (int j = i + 1; j < n; j++) off += a[i * n + j] * a[i * n + j];
            }
            if (off == 0 || off <= 1e-34 * diag) break;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p * n + q];
                    if (apq == 0) continue;
                    double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                    double t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (Double.isInfinite(theta * theta)) t = 1 / (2 * theta);
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    rotate(a, vec, n, p, q, c, s);
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, y) -> Double.compare(a[x * n + x], a[y * n + y]));
        for (int i = 0; i < n; i++) {
            int src = order[i];
            w[i] = a[src * n + src];
            if (v != null) for (int r = 0; r < n; r++) v[r * n + i] = vec[r * n + src];
        }
    }

    private static void rotate(double[] a, double[] vec, int n, int p, int q, double c, double s) {
        for (int k = 0; k < n; k++) { // columns p, q
            double akp = a[k * n + p], akq = a[k * n + q];
            a[k * n + p] = c * akp - s * akq;
            a[k * n + q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++) { // rows p, q
            double apk = a[p * n + k], aqk = a[q * n + k];
            a[p * n + k] = c * apk - s * aqk;
            a[q * n + k] = s * apk + c * aqk;
        }
        a[p * n + q] = 0;
        a[q * n + p] = 0;
        for (int k = 0; k < n; k++) {
            double vkp = vec[k * n + p], vkq = vec[k * n + q];
            vec[k * n + p] = c * vkp - s * vkq;
            vec[k * n + q] = s * vkp + c * vkq;
        }
    }
}
