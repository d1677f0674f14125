package org.mlx4j.core.backend.cpu;
public final class SoftmaxKernels {
    public static void softmax(StridedView in, StridedView out) {
        int n = in.shape()[in.ndim() - 1]; long rows = in.size() / Math.max(1, n);
        for (long r = 0; r < rows; r++) { double m = Double.NEGATIVE_INFINITY; for (int j = 0; j < n; j++) m = Math.max(m, Idx.get(in, r * n + j));
            double s = 0; for (int j = 0; j < n; j++) s += Math.exp(Idx.get(in, r * n + j) - m);
            for (int j = 0; j < n; j++) Idx.set(out, r * n + j, Math.exp(Idx.get(in, r * n + j) - m) / s); }
    }
    public static void logsumexp(StridedView in, StridedView out) {
        int n = in.shape()[in.ndim() - 1]; long rows = in.size() / Math.max(1, n);
        for (long r = 0; r < rows; r++) { double m = Double.NEGATIVE_INFINITY; for (int j = 0; j < n; j++) m = Math.max(m, Idx.get(in, r * n + j));
            double s = 0; for (int j = 0; j < n; j++) s += Math.exp(Idx.get(in, r * n + j) - m);
            Idx.set(out, r, m + Math.log(s)); }
    }
}
