package org.mlx4j.core.backend.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.mlx4j.core.DType;
import org.mlx4j.core.primitives.Convolution;

/**
 * The CPU convolution: per group, the patch matrix of a block of output rows ({@link ConvPatches}, built
 * in parallel) times the group's weight rows transposed, one GEMM per block ({@link Gemm}: BLAS when one
 * loads, else the Vector API GEMM), written straight into the group's output columns. A 1x1 convolution
 * without padding or strides multiplies the input itself. float16 and bfloat16 compute in float32.
 */
final class ConvKernels {
    /** Bytes of patch matrix per block: big enough for an efficient GEMM, small enough to stay in cache levels below memory. */
    private static final long PATCH_BYTES = Long.getLong("mlx4j.conv.patchBytes", 8L << 20);

    private ConvKernels() {}

    static void conv(StridedView input, StridedView weight, Convolution p, StridedView out) {
        if (out.size() == 0) return;
        DType t = out.dtype();
        DType compute = t == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32;
        try (Arena arena = Arena.ofShared()) {
            StridedView x = contiguous(input, compute, arena), w = contiguous(weight, compute, arena);
            StridedView o = t == compute ? out
                    : StridedView.contiguous(arena.allocate(out.size() * compute.size(), 64), compute, out.shape());
            ConvPatches g = new ConvPatches(x.shape(), w.shape(), out.shape(), p, compute.size());
            if (g.patchWidth == 0 || x.size() == 0) {
                CopyKernels.fill(o, 0);
            } else {
                run(g, p.groups(), x, w, o, arena);
            }
            if (o != out) CopyKernels.copy(o, out);
        }
    }

    private static void run(ConvPatches g, int groups, StridedView x, StridedView w, StridedView o, Arena arena) {
        int og = g.outChannels / groups;
        long k = g.patchWidth;
        long ldc = g.outChannels;
        boolean f64 = o.dtype() == DType.FLOAT64;
        if (g.isPointwise()) {
            for (int gi = 0; gi < groups; gi++) {
                gemm(f64, (int) g.rows, og, (int) k, x.segment(), x.offset() + (long) gi * g.groupChannels, g.channels,
                        w.segment(), w.offset() + (long) gi * og * k, o.segment(), (long) gi * og, ldc);
            }
            return;
        }
        long es = x.dtype().size();
        long block = Math.max(1, Math.min(g.rows, PATCH_BYTES / (k * es)));
        MemorySegment patches = arena.allocate(block * k * es, 64);
        long grain = Math.max(1, Parallel.DEFAULT_GRAIN / k);
        for (long r0 = 0; r0 < g.rows; r0 += block) {
            long rows = Math.min(block, g.rows - r0), start = r0;
            for (int gi = 0; gi < groups; gi++) {
                int group = gi;
                Parallel.forRange(rows, grain, (s, e) -> {
                    MemorySegment dst = patches.asSlice(s * k * es, (e - s) * k * es);
                    g.fill(x.segment(), x.offset(), group, start + s, start + e, dst);
                });
                gemm(f64, (int) rows, og, (int) k, patches, 0, k, w.segment(), w.offset() + (long) gi * og * k,
                        o.segment(), start * ldc + (long) gi * og, ldc);
            }
        }
    }

    /** {@code C[m, n] = A[m, k] * W[n, k]^T}, element offsets, W's rows {@code k} apart. */
    private static void gemm(boolean f64, int m, int n, int k, MemorySegment a, long aOff, long lda,
                             MemorySegment w, long wOff, MemorySegment c, long cOff, long ldc) {
        if (f64) {
            Gemm.dgemm(false, true, m, n, k, 1.0, a, aOff, lda, w, wOff, k, 0.0, c, cOff, ldc);
        } else {
            Gemm.sgemm(false, true, m, n, k, 1f, a, aOff, lda, w, wOff, k, 0f, c, cOff, ldc);
        }
    }

    /** {@code v} itself when it is row-major contiguous in {@code dtype}, else a row-major copy in {@code dtype}. */
    private static StridedView contiguous(StridedView v, DType dtype, Arena arena) {
        if (v.dtype() == dtype && v.isRowContiguous()) return v;
        StridedView c = StridedView.contiguous(arena.allocate(Math.max(1, v.size()) * dtype.size(), 64), dtype, v.shape());
        CopyKernels.copy(v, c);
        return c;
    }
}
