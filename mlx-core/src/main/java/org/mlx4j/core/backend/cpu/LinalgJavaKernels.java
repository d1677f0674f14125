package org.mlx4j.core.backend.cpu;

import static org.mlx4j.core.backend.cpu.LinalgEval.read;
import static org.mlx4j.core.backend.cpu.LinalgEval.write;

/** Runs one matrix of a {@link LinalgEval.Matrices} batch on the pure-Java kernels, in float64. */
final class LinalgJavaKernels {
    private LinalgJavaKernels() {}

    static void run(LinalgEval.Matrices job, long b) {
        int m = job.m(), n = job.n(), k = job.k();
        double[] a = read(job.in(0, b), job.dtype());
        switch (job.kind()) {
            case LU_FACTOR -> {
                int[] pivots = new int[k], rows = new int[m];
                LinalgJavaLu.factor(a, m, n, pivots, rows);
                write(job.out(0, b), job.dtype(), a);
                LinalgEval.writeUint32(job.out(1, b), pivots);
                LinalgEval.writeUint32(job.out(2, b), LinalgEval.inverse(rows));
            }
            case QR -> {
                double[] q = new double[m * k], r = new double[k * n];
                LinalgJavaQr.qr(a, m, n, q, r);
                write(job.out(0, b), job.dtype(), q);
                write(job.out(1, b), job.dtype(), r);
            }
            case SVD, SVD_VALUES -> {
                boolean vectors = job.kind() == org.mlx4j.core.primitives.LinalgKind.SVD;
                double[] u = vectors ? new double[m * m] : null, s = new double[k], vt = vectors ? new double[n * n] : null;
                LinalgJavaSvd.svd(a, m, n, u, s, vt);
                if (!vectors) {
                    write(job.out(0, b), job.dtype(), s);
                    return;
                }
                write(job.out(0, b), job.dtype(), u);
                write(job.out(1, b), job.dtype(), s);
                write(job.out(2, b), job.dtype(), vt);
            }
            case EIGH, EIGVALSH -> {
                boolean vectors = job.kind() == org.mlx4j.core.primitives.LinalgKind.EIGH;
                double[] w = new double[n], v = vectors ? new double[n * n] : null;
                LinalgJavaEigh.eigh(a, n, w, v);
                write(job.out(0, b), job.dtype(), w);
                if (vectors) write(job.out(1, b), job.dtype(), v);
            }
            case EIG, EIGVALS -> {
                boolean vectors = job.kind() == org.mlx4j.core.primitives.LinalgKind.EIG;
                double[] wr = new double[n], wi = new double[n], vr = vectors ? new double[n * n] : null;
                LinalgJavaEig.eig(job.op(), a, n, wr, wi, vr);
                LinalgEval.writeEigen(wr, wi, vr, n, job.out(0, b), vectors ? job.out(1, b) : null);
            }
            case CHOLESKY -> {
                LinalgJavaLu.cholesky(job.op(), a, n);
                write(job.out(0, b), job.dtype(), a);
            }
            case INV -> write(job.out(0, b), job.dtype(), LinalgJavaLu.inverse(job.op(), a, n));
            case TRI_INV -> {
                LinalgJavaLu.lowerInverse(job.op(), a, n);
                write(job.out(0, b), job.dtype(), a);
            }
            case SOLVE -> {
                double[] x = read(job.in(1, b), job.dtype());
                LinalgJavaLu.solve(job.op(), a, n, x, job.rhs());
                write(job.out(0, b), job.dtype(), x);
            }
        }
    }
}
