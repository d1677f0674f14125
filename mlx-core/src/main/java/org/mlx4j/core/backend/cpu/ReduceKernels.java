package org.mlx4j.core.backend.cpu;
import org.mlx4j.core.graph.ReduceOp;
public final class ReduceKernels {
    public static void reduce(ReduceOp op, StridedView in, int[] axes, StridedView out) {
        double init = switch (op) { case SUM, ANY -> 0; case PROD, ALL -> 1; case MAX -> Double.NEGATIVE_INFINITY; case MIN -> Double.POSITIVE_INFINITY; };
        for (long i = 0; i < out.size(); i++) Idx.set(out, i, init);
        double[] acc = new double[(int) out.size()];
        java.util.Arrays.fill(acc, init);
        int[] sh = in.shape();
        for (long i = 0; i < in.size(); i++) {
            long rem = i, o = 0, mul = 1;
            for (int d = sh.length - 1; d >= 0; d--) {
                long c = rem % sh[d]; rem /= sh[d];
                boolean red = java.util.Arrays.binarySearch(axes, d) >= 0;
                if (!red) { o += c * mul; mul *= sh[d]; }
            }
            double x = Idx.get(in, i);
            int oi = (int) o;
            acc[oi] = switch (op) { case SUM -> acc[oi] + x; case PROD -> acc[oi] * x; case MAX -> Math.max(acc[oi], x); case MIN -> Math.min(acc[oi], x);
                case ALL -> (acc[oi] != 0 && x != 0) ? 1 : 0; case ANY -> (acc[oi] != 0 || x != 0) ? 1 : 0; };
        }
        for (int i = 0; i < acc.length; i++) Idx.set(out, i, acc[i]);
    }
}
