package org.mlx4j.core.backend.cpu;
public final class CopyKernels {
    public static void copy(StridedView in, StridedView out) { for (long i = 0; i < out.size(); i++) Idx.set(out, i, Idx.get(in, i)); }
    public static void fill(StridedView out, double v) { for (long i = 0; i < out.size(); i++) Idx.set(out, i, v); }
    public static void arange(StridedView out, double s, double st) { for (long i = 0; i < out.size(); i++) Idx.set(out, i, s + i * st); }
}
