package org.mlx4j.core;

/**
 * The square root of symmetric (covariance) matrices that MLX's {@code multivariate_normal} takes from the SVD:
 * {@code U sqrt(S) V^T}, which for a symmetric matrix {@code Q diag(l) Q^T} is
 * {@code sum_i sign(l_i) sqrt(|l_i|) q_i q_i^T}. The eigenvectors come from cyclic Jacobi rotations in float64
 * on the evaluated matrices (batched over the leading axes).
 */
final class CovarianceRoot {
    private CovarianceRoot() {}

    private static final int MAX_SWEEPS = 100;

    /** The roots of the {@code n x n} matrices of {@code cov} (evaluated here), FLOAT32, of {@code cov}'s shape. */
    static Array of(Array cov) {
        int[] s = cov.node().shape;
        int n = s[s.length - 1];
        double[] all = Ops.astype(cov, DType.FLOAT32).toDoubleArray(); // MLX takes the SVD in float32
        double[] out = new double[all.length];
        for (int off = 0; off + n * n <= all.length && n > 0; off += n * n) {
            double[] a = new double[n * n];
            System.arraycopy(all, off, a, 0, n * n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    double m = 0.5 * (a[i * n + j] + a[j * n + i]); // the symmetric part
                    a[i * n + j] = m;
                    a[j * n + i] = m;
                }
            }
            double[] q = eigenvectors(a, n); // a is left with the eigenvalues on its diagonal
            for (int k = 0; k < n; k++) {
                double l = a[k * n + k], w = Math.signum(l) * Math.sqrt(Math.abs(l));
                if (w == 0) continue;
                for (int i = 0; i < n; i++) {
                    double qi = q[i * n + k] * w;
                    for (int j = 0; j < n; j++) out[off + i * n + j] += qi * q[j * n + k];
                }
            }
        }
        return Creation.fromDoubles(out, s.clone(), DType.FLOAT32);
    }

    /** Diagonalises the symmetric {@code a} in place by Jacobi rotations; returns the eigenvectors as columns. */
    private static double[] eigenvectors(double[] a, int n) {
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) v[i * n + i] = 1;
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0, diag = 0;
            for (int i = 0; i < n; i++) {
                diag += a[i * n + i] * a[i * n + i];
                for (int j = i + 1; j < n; j++) off += a[i * n + j] * a[i * n + j];
            }
            if (off <= 1e-30 * diag || off == 0) break;
            for (int p = 0; p < n; p++) {
                for (int r = p + 1; r < n; r++) {
                    double apr = a[p * n + r];
                    if (apr == 0) continue;
                    double theta = (a[r * n + r] - a[p * n + p]) / (2 * apr);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.sqrt(t * t + 1), sn = t * c;
                    for (int k = 0; k < n; k++) { // columns p and r
                        double akp = a[k * n + p], akr = a[k * n + r];
                        a[k * n + p] = c * akp - sn * akr;
                        a[k * n + r] = sn * akp + c * akr;
                    }
                    for (int k = 0; k < n; k++) { // rows p and r
                        double apk = a[p * n + k], ark = a[r * n + k];
                        a[p * n + k] = c * apk - sn * ark;
                        a[r * n + k] = sn * apk + c * ark;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k * n + p], vkr = v[k * n + r];
                        v[k * n + p] = c * vkp - sn * vkr;
                        v[k * n + r] = sn * vkp + c * vkr;
                    }
                }
            }
        }
        return v;
    }
}
