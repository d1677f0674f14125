package org.mlx4j.core.backend.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.mlx4j.core.DType;
import org.mlx4j.core.primitives.Convolution;

/**
 * The CPU convolution. Output rows are cut into blocks shared out by {@link Parallel}; the thread that takes a
 * block builds its patch matrix per group ({@link ConvPatches}) in a scratch buffer of its own and multiplies
 * it by the group's weight rows transposed with the single-threaded Vector API GEMM, writing straight into the
 * group's output columns: patches are used while they are in cache, never stored whole, and no phase waits
 * for another. A 1x1 convolution without padding or strides multiplies the input itself, one {@link Gemm}
 * call per group (BLAS when one loads). float16 and bfloat16 compute in float32.
 */
final class ConvKernels {

    /** Most bytes of patch matrix per block (one block is built and multiplied by one thread). */
    private static final long BLOCK_BYTES = Long.getLong("mlx4j.conv.blockBytes", 4L << 20);
    /** Fewest bytes of patch matrix per block. */
    private static final long MIN_BLOCK_BYTES = 512L << 10;

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
                run(g, p.groups(), x, w, o);
            }
            if (o != out) CopyKernels.copy(o, out);
        }
    }

    private static void run(ConvPatches g, int groups, StridedView x, StridedView w, StridedView o) {
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
        long block = blockRows(g.rows, k * es, og * k * es);
        long blocks = (g.rows + block - 1) / block;
        Parallel.forRange(blocks, 1, (b0, b1) -> {
            try (Arena local = Arena.ofConfined()) {
                MemorySegment patches = local.allocate(block * k * es, 64);
                for (long b = b0; b < b1; b++) {
                    long start = b * block;
                    int rows = (int) Math.min(block, g.rows - start);
                    for (int gi = 0; gi < groups; gi++) {
                        g.fill(x.segment(), x.offset(), gi, start, start + rows, patches);
                        long wOff = w.offset() + (long) gi * og * k, cOff = start * ldc + (long) gi * og;
                        if (f64) {
                            VectorGemm.dgemm(false, true, rows, og, (int) k, 1.0, patches, 0, k, w.segment(), wOff, k,
                                    0.0, o.segment(), cOff, ldc, false);
                        } else {
                            VectorGemm.sgemm(false, true, rows, og, (int) k, 1f, patches, 0, k, w.segment(), wOff, k,
                                    0f, o.segment(), cOff, ldc, false);
                        }
                    }
                }
            }
        });
    }

    /**
     * Output rows per block: patches of 16 times the weight group's size (each block's GEMM packs the weight
     * again, so that stays a small part of the work), between {@link #MIN_BLOCK_BYTES} (small weights: the
     * patches stay in the core's cache) and {@link #BLOCK_BYTES}; at least two blocks per thread when there are
     * rows enough; in multiples of 16 rows (whole register tiles).
     */
    static long blockRows(long rows, long rowBytes, long weightBytes) {
        long bytes = Math.clamp(16 * weightBytes, MIN_BLOCK_BYTES, Math.max(MIN_BLOCK_BYTES, BLOCK_BYTES));
        long byBytes = Math.max(16, bytes / rowBytes / 16 * 16);
        long perThread = (rows + 2L * Parallel.threads() - 1) / (2L * Parallel.threads());
        long balanced = Math.max(16, (perThread + 15) / 16 * 16);
        return Math.min(rows, Math.min(byBytes, balanced));
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
