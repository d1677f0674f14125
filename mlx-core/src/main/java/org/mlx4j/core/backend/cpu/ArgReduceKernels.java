package org.mlx4j.core.backend.cpu;
public final class ArgReduceKernels {
    public static void argReduce(boolean isMax, StridedView in, int axis, StridedView out) {
        int[] sh = in.shape(); int n = sh[axis];
        for (long o = 0; o < out.size(); o++) {
            long base = Idx.off(new StridedView(in.segment(), in.offset(), out.shape(), in.strides(), in.dtype()), o);
            int best = 0; double bv = ElementAccess.getDouble(in.segment(), in.dtype(), base);
            for (int j = 1; j < n; j++) { double v = ElementAccess.getDouble(in.segment(), in.dtype(), base + j * in.strides()[axis]);
                if (isMax ? v > bv : v < bv) { bv = v; best = j; } }
            Idx.set(out, o, best);
        }
    }
}
