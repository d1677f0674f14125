package org.mlx4j.core.backend.cpu;
public final class WhereKernel {
    public static void where(StridedView c, StridedView x, StridedView y, StridedView out) {
        for (long i = 0; i < out.size(); i++) Idx.set(out, i, Idx.get(c, i) != 0 ? Idx.get(x, i) : Idx.get(y, i));
    }
}
