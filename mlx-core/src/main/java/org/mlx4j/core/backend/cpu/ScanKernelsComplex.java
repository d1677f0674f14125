package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;

/**
 * Complex64 scans (sum, prod, max, min; max/min order by real part, then imaginary part, as MLX's
 * complex comparison does). Element by element: complex scans are rare and not performance critical.
 */
final class ScanKernelsComplex {
    private ScanKernelsComplex() {}

    static void scan(ScanKernels.Plan p, long outer) {
        long lines = outer * p.inner();
        Parallel.forRange(lines, Math.max(1, Parallel.DEFAULT_GRAIN / p.n()), (l0, l1) -> {
            for (long l = l0; l < l1; l++) scanLine(p, l / p.inner(), l % p.inner());
        });
    }

    private static void scanLine(ScanKernels.Plan p, long o, long k) {
        var in = p.in();
        MemorySegment src = in.segment();
        MemorySegment dst = p.out().segment();
        long inBase = in.offset() + p.outerRegion().offset(0, o) + p.innerRegion().offset(0, k);
        long outBase = o * p.n() * p.inner() + k;
        int op = p.op();
        float cr, ci;
        switch (op) {
            case ScanKernelsLane.PROD -> { cr = 1; ci = 0; }
            case ScanKernelsLane.MAX -> { cr = Float.NEGATIVE_INFINITY; ci = 0; }
            case ScanKernelsLane.MIN -> { cr = Float.POSITIVE_INFINITY; ci = 0; }
            case ScanKernelsLane.SUM -> { cr = p.inclusive() ? -0.0f : 0f; ci = p.inclusive() ? -0.0f : 0f; }
            default -> throw noComplexScan(op);
        }
        int n = p.n();
        for (int jj = 0; jj < n; jj++) {
            int j = p.reverse() ? n - 1 - jj : jj;
            long at = inBase + j * p.axisStride();
            float xr = (float) ElementAccess.getDouble(src, in.dtype(), at);
            float xi = ElementAccess.getImag(src, in.dtype(), at);
            float nr, ni;
            switch (op) {
                case ScanKernelsLane.SUM -> { nr = cr + xr; ni = ci + xi; }
                case ScanKernelsLane.PROD -> { nr = cr * xr - ci * xi; ni = cr * xi + ci * xr; }
                case ScanKernelsLane.MAX -> {
                    boolean keep = cr > xr || (cr == xr && ci >= xi);
                    nr = keep ? cr : xr;
                    ni = keep ? ci : xi;
                }
                case ScanKernelsLane.MIN -> {
                    boolean keep = cr < xr || (cr == xr && ci <= xi);
                    nr = keep ? cr : xr;
                    ni = keep ? ci : xi;
                }
                default -> throw noComplexScan(op);
            }
            long o2 = outBase + (long) j * p.inner();
            if (p.inclusive()) ElementAccess.setComplex(dst, o2, nr, ni);
            else ElementAccess.setComplex(dst, o2, cr, ci);
            cr = nr;
            ci = ni;
        }
    }

    /** Combine codes without a complex64 scan (logaddexp, the unsigned ones); {@code ScanKernels} rejects them first. */
    private static IllegalStateException noComplexScan(int op) {
        return new IllegalStateException("no complex64 scan for combine code " + op);
    }
}
