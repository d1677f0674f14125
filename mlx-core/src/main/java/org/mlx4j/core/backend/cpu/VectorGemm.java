package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;

/**
 * The always-available GEMM, written with the Vector API: C = alpha * op(A) * op(B) + beta * C
 * with the same row-major contract as {@link Gemm}. Large products run the packed, cache-blocked,
 * register-tiled kernels ({@link GemmKernelF32}, {@link GemmKernelF64}) split across cores through
 * {@link Parallel}; small and skinny ones (matrix-vector shapes) run unpacked on one pass over the
 * operands ({@link GemmSmallF32}, {@link GemmSmallF64}), without forking for tiny sizes.
 *
 * <p>BLAS semantics: when {@code alpha == 0} or {@code k == 0} A and B are not read; when
 * {@code beta == 0} C is not read (NaN or infinity in it does not survive). C must not overlap
 * A or B.
 */
public final class VectorGemm {
    /** Multiply-adds below which a product runs unpacked on the calling thread. */
    static final long SMALL_WORK = Long.getLong("mlx4j.gemm.smallWork", 24L * 24 * 24);
    /** Multiply-adds each forked task should at least get (a fork/join round trip is a few microseconds). */
    static final long TASK_WORK = 1L << 18;

    private VectorGemm() {}

    /** Whether the CPU has 32 vector registers (AVX-512, NEON, SVE), which the wider micro-kernels need. */
    static boolean wideRegisterFile(int vectorBits) {
        String arch = System.getProperty("os.arch", "");
        return vectorBits >= 512 || arch.equals("aarch64") || arch.startsWith("riscv");
    }

    /** float32 GEMM; see {@link Gemm#sgemm}. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             MemorySegment a, long aOffset, long lda, MemorySegment b, long bOffset, long ldb,
                             float beta, MemorySegment c, long cOffset, long ldc) {
        GemmChecks.check("VectorGemm.sgemm", Float.BYTES, transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb,
                c, cOffset, ldc);
        sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc, true);
    }

    /** float64 GEMM; see {@link Gemm#dgemm}. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                             MemorySegment a, long aOffset, long lda, MemorySegment b, long bOffset, long ldb,
                             double beta, MemorySegment c, long cOffset, long ldc) {
        GemmChecks.check("VectorGemm.dgemm", Double.BYTES, transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb,
                c, cOffset, ldc);
        dgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc, true);
    }

    /** Unchecked float32 entry; {@code mayFork == false} keeps all work on the calling thread. */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      MemorySegment a, long aOff, long lda, MemorySegment b, long bOff, long ldb,
                      float beta, MemorySegment c, long cOff, long ldc, boolean mayFork) {
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0f) {
            GemmSmallF32.scale(m, n, beta, c, cOff, ldc);
            return;
        }
        long work = (long) m * n * k;
        int threads = mayFork && shareable(a, b, c) ? Parallel.threads() : 1;
        if (GemmSmallF32.handles(transA, transB, m, n, k, ldb, work)) {
            GemmSmallF32.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                    threads > 1 && work >= 2 * TASK_WORK);
            return;
        }
        Split split = split(m, n, k, GemmKernelF32.MR, GemmKernelF32.NR, threads, transA, transB);
        if (split == Split.NONE) {
            GemmKernelF32.gemm(transA, transB, 0, m, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else if (split == Split.ROWS) {
            Parallel.forRange(m, grain(work / m, GemmKernelF32.MR), GemmKernelF32.MR, threads, (s, e) -> GemmKernelF32.gemm(
                    transA, transB, (int) s, (int) e, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc));
        } else {
            Parallel.forRange(n, grain(work / n, GemmKernelF32.NR), GemmKernelF32.NR, threads, (s, e) -> GemmKernelF32.gemm(
                    transA, transB, 0, m, (int) s, (int) e, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc));
        }
    }

    /** Unchecked float64 entry; {@code mayFork == false} keeps all work on the calling thread. */
    static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      MemorySegment a, long aOff, long lda, MemorySegment b, long bOff, long ldb,
                      double beta, MemorySegment c, long cOff, long ldc, boolean mayFork) {
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0.0) {
            GemmSmallF64.scale(m, n, beta, c, cOff, ldc);
            return;
        }
        long work = (long) m * n * k;
        int threads = mayFork && shareable(a, b, c) ? Parallel.threads() : 1;
        if (GemmSmallF64.handles(transA, transB, m, n, k, ldb, work)) {
            GemmSmallF64.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                    threads > 1 && work >= 2 * TASK_WORK);
            return;
        }
        Split split = split(m, n, k, GemmKernelF64.MR, GemmKernelF64.NR, threads, transA, transB);
        if (split == Split.NONE) {
            GemmKernelF64.gemm(transA, transB, 0, m, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else if (split == Split.ROWS) {
            Parallel.forRange(m, grain(work / m, GemmKernelF64.MR), GemmKernelF64.MR, threads, (s, e) -> GemmKernelF64.gemm(
                    transA, transB, (int) s, (int) e, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc));
        } else {
            Parallel.forRange(n, grain(work / n, GemmKernelF64.NR), GemmKernelF64.NR, threads, (s, e) -> GemmKernelF64.gemm(
                    transA, transB, 0, m, (int) s, (int) e, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc));
        }
    }

    /** A thread that never runs: segments it may access are not confined to their creator. */
    private static final Thread ANY_OTHER_THREAD = new Thread(() -> { });

    /** Whether pool threads may touch these segments (segments of a confined arena may not). */
    static boolean shareable(MemorySegment a, MemorySegment b, MemorySegment c) {
        return a.isAccessibleBy(ANY_OTHER_THREAD) && b.isAccessibleBy(ANY_OTHER_THREAD) && c.isAccessibleBy(ANY_OTHER_THREAD);
    }

    enum Split { NONE, ROWS, COLS }

    /**
     * How to share C between threads. Each thread packs all of the operand it shares, so the
     * split prefers the side whose shared operand packs by plain copies (B with rows along n,
     * A with rows along k) unless one side is much longer than the other.
     */
    static Split split(int m, int n, int k, int mr, int nr, int threads, boolean transA, boolean transB) {
        if (threads <= 1 || (long) m * n * k < 2 * TASK_WORK) return Split.NONE;
        boolean rowsOk = m >= 2 * mr, colsOk = n >= 2 * nr;
        if (!rowsOk && !colsOk) return Split.NONE;
        if (!colsOk) return Split.ROWS;
        if (!rowsOk) return Split.COLS;
        if (m >= 2L * n) return Split.ROWS;
        if (n >= 2L * m) return Split.COLS;
        if (transB && !transA) return Split.COLS;
        return Split.ROWS;
    }

    /**
     * Rows or columns per task so that a task gets at least TASK_WORK multiply-adds. A task packs all of the
     * operand the tasks share, so a split has one task per thread ({@code maxChunks = threads}), no more.
     */
    static long grain(long workPerLine, int align) {
        return Math.max(align, TASK_WORK / Math.max(1, workPerLine));
    }
}
