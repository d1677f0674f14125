package org.mlx4j.core.backend.cpu;

/** Pure-Java Householder QR of one row-major float64 matrix (LAPACK's sign convention: {@code r_jj = -sign(x_0) |x|}). */
final class LinalgJavaQr {
    private LinalgJavaQr() {}

    /**
     * Reduces the {@code m x n} matrix {@code a} to R in place and returns the {@code k = min(m, n)} unit
     * Householder vectors, {@code v[j]} of length {@code m - j} (all zero where no reflection was needed).
     */
    static double[][] reduce(double[] a, int m, int n) {
        int k = Math.min(m, n);
        double[][] vs = new double[k][];
        for (int j = 0; j < k; j++) {
            double[] v = new double[m - j];
            double below = 0;
            for (int i = j; i < m; i++) {
                v[i - j] = a[i * n + j];
                if (i > j) below += v[i - j] * v[i - j];
            }
            vs[j] = v;
            if (below == 0) { // already upper triangular in this column: no reflection (LAPACK's tau = 0)
                java.util.Arrays.fill(v, 0);
                continue;
            }
            double norm = Math.sqrt(below + v[0] * v[0]);
            double alpha = v[0] > 0 ? -norm : norm;
            v[0] -= alpha;
            double vn = Math.sqrt(below + v[0] * v[0]);
            for (int i = 0; i < v.length; i++) v[i] /= vn;
            reflect(v, a, j, n, j);
            a[j * n + j] = alpha;
            for (int i = j + 1; i < m; i++) a[i * n + j] = 0;
        }
        return vs;
    }

    /** Applies {@code I - 2 v v^T} to rows {@code j..} of the row-major matrix {@code x} ({@code cols} wide), from column {@code from}. */
    static void reflect(double[] v, double[] x, int j, int cols, int from) {
        for (int c = from; c < cols; c++) {
            double dot = 0;
            for (int i = 0; i < v.length; i++) dot += v[i] * x[(j + i) * cols + c];
            if (dot == 0) continue;
            dot *= 2;
            for (int i = 0; i < v.length; i++) x[(j + i) * cols + c] -= dot * v[i];
        }
    }

    /** The first {@code cols} columns of {@code H_0 ... H_{k-1}} ({@code m x cols}, row-major). */
    static double[] q(double[][] vs, int m, int cols) {
        double[] q = new double[m * cols];
        for (int i = 0; i < Math.min(m, cols); i++) q[i * cols + i] = 1;
        for (int j = vs.length - 1; j >= 0; j--) reflect(vs[j], q, j, cols, 0);
        return q;
    }

    /** QR of the {@code m x n} matrix {@code a}: fills {@code q} ({@code m x k}) and {@code r} ({@code k x n}). */
    static void qr(double[] a, int m, int n, double[] q, double[] r) {
        int k = Math.min(m, n);
        double[][] vs = reduce(a, m, n);
        System.arraycopy(q(vs, m, k), 0, q, 0, m * k);
        System.arraycopy(a, 0, r, 0, k * n);
    }
}
