package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;

/**
 * Matrix products for the CPU backend: C = alpha * op(A) * op(B) + beta * C on row-major matrices
 * in memory segments, with offsets, leading dimensions and batch strides counted in elements.
 * Calls go to OpenBLAS through {@link Blas} when one is loaded and the operands are native
 * memory (measured on AVX-512: even a 4 x 4 x 4 product is faster there, about 90 ns against 180 ns,
 * since a downcall costs only tens of nanoseconds); everything else goes to {@link VectorGemm}.
 *
 * <p>Semantics (as in BLAS): op(X) is X or its transpose; op(A) is m x k and op(B) is k x n, so a
 * transposed A is stored k x m (lda >= m) and a transposed B n x k (ldb >= k). When
 * {@code alpha == 0} or {@code k == 0}, A and B are not read and C becomes beta * C; when
 * {@code beta == 0}, C is not read (NaN or infinity in C does not survive). C must not overlap A or
 * B, and in a batch the C matrices must not overlap each other. Bad arguments throw
 * {@link IllegalArgumentException} naming the operand, its shape and what would be valid.
 */
public final class Gemm {
    /** Multiply-adds below which products stay on the Vector API path even with a BLAS loaded. */
    static final long BLAS_MIN_WORK = Long.getLong("mlx4j.gemm.blasMinWork", 0);

    /**
     * Whether large BLAS products are shared out by {@link Parallel} as one-thread BLAS calls per block
     * ({@code -Dmlx4j.blas.split=true}) instead of OpenBLAS's own threads (the default).
     */
    static final boolean BLAS_SPLIT = Boolean.getBoolean("mlx4j.blas.split");

    private Gemm() {}

    /** C = alpha * op(A) * op(B) + beta * C; op(A) is m x k, op(B) is k x n. transA: A is stored k x m (lda >= m). */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             MemorySegment a, long aOffset, long lda, MemorySegment b, long bOffset, long ldb,
                             float beta, MemorySegment c, long cOffset, long ldc) {
        GemmChecks.check("sgemm", Float.BYTES, transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        sgemm0(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc, true);
    }

    /** The float64 counterpart of {@link #sgemm}. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                             MemorySegment a, long aOffset, long lda, MemorySegment b, long bOffset, long ldb,
                             double beta, MemorySegment c, long cOffset, long ldc) {
        GemmChecks.check("dgemm", Double.BYTES, transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        dgemm0(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc, true);
    }

    /**
     * {@code batch} independent products; strideA/B/C in elements between consecutive matrices
     * (0 = broadcast, allowed for A and B). Small products run one per task across cores.
     */
    public static void sgemmBatched(int batch, boolean transA, boolean transB, int m, int n, int k, float alpha,
                                    MemorySegment a, long aOffset, long lda, long strideA,
                                    MemorySegment b, long bOffset, long ldb, long strideB,
                                    float beta, MemorySegment c, long cOffset, long ldc, long strideC) {
        GemmChecks.checkBatched("sgemmBatched", Float.BYTES, batch, transA, transB, m, n, k, a, aOffset, lda, strideA,
                b, bOffset, ldb, strideB, c, cOffset, ldc, strideC);
        if (batch == 0 || m == 0 || n == 0) return;
        boolean shareable = VectorGemm.shareable(a, b, c);
        BatchBody body = (i, fork) -> sgemm0(transA, transB, m, n, k, alpha, a, aOffset + i * strideA, lda,
                b, bOffset + i * strideB, ldb, beta, c, cOffset + i * strideC, ldc, fork);
        batched(batch, (long) m * n * Math.max(1, k), shareable, body);
    }

    /** The float64 counterpart of {@link #sgemmBatched}. */
    public static void dgemmBatched(int batch, boolean transA, boolean transB, int m, int n, int k, double alpha,
                                    MemorySegment a, long aOffset, long lda, long strideA,
                                    MemorySegment b, long bOffset, long ldb, long strideB,
                                    double beta, MemorySegment c, long cOffset, long ldc, long strideC) {
        GemmChecks.checkBatched("dgemmBatched", Double.BYTES, batch, transA, transB, m, n, k, a, aOffset, lda, strideA,
                b, bOffset, ldb, strideB, c, cOffset, ldc, strideC);
        if (batch == 0 || m == 0 || n == 0) return;
        boolean shareable = VectorGemm.shareable(a, b, c);
        BatchBody body = (i, fork) -> dgemm0(transA, transB, m, n, k, alpha, a, aOffset + i * strideA, lda,
                b, bOffset + i * strideB, ldb, beta, c, cOffset + i * strideC, ldc, fork);
        batched(batch, (long) m * n * Math.max(1, k), shareable, body);
    }

    /** "openblas &lt;path&gt;" or "vector": which implementation serves calls now. */
    public static String implementation() {
        return Blas.isAvailable() ? "openblas " + Blas.path() : "vector";
    }

    @FunctionalInterface
    private interface BatchBody {
        void run(long index, boolean mayFork);
    }

    /**
     * Products big enough to use every core on their own run one after the other; smaller ones
     * run whole on one core each, as many at a time as there are cores (unless the segments are
     * confined to this thread).
     */
    private static void batched(int batch, long work, boolean shareable, BatchBody body) {
        if (batch == 1 || !shareable || work >= 2 * VectorGemm.TASK_WORK * Parallel.threads()) {
            for (long i = 0; i < batch; i++) body.run(i, true);
        } else {
            long grain = Math.max(1, VectorGemm.TASK_WORK / work);
            Parallel.forRange(batch, grain, (s, e) -> {
                for (long i = s; i < e; i++) body.run(i, false);
            });
        }
    }

    static void sgemm0(boolean transA, boolean transB, int m, int n, int k, float alpha,
                       MemorySegment a, long aOff, long lda, MemorySegment b, long bOff, long ldb,
                       float beta, MemorySegment c, long cOff, long ldc, boolean mayFork) {
        if (m == 0 || n == 0) return;
        if (k != 0 && alpha != 0f && useBlas(m, n, k, a, b, c, lda, ldb, ldc)) {
            blasSplit(transA, transB, m, n, k, lda, ldb, ldc, mayFork && VectorGemm.shareable(a, b, c),
                    (ao, bo, co, rows, cols) -> Blas.sgemm0(transA, transB, rows, cols, k, alpha, a, aOff + ao, lda,
                            b, bOff + bo, ldb, beta, c, cOff + co, ldc));
        } else {
            VectorGemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, mayFork);
        }
    }

    static void dgemm0(boolean transA, boolean transB, int m, int n, int k, double alpha,
                       MemorySegment a, long aOff, long lda, MemorySegment b, long bOff, long ldb,
                       double beta, MemorySegment c, long cOff, long ldc, boolean mayFork) {
        if (m == 0 || n == 0) return;
        if (k != 0 && alpha != 0.0 && useBlas(m, n, k, a, b, c, lda, ldb, ldc)) {
            blasSplit(transA, transB, m, n, k, lda, ldb, ldc, mayFork && VectorGemm.shareable(a, b, c),
                    (ao, bo, co, rows, cols) -> Blas.dgemm0(transA, transB, rows, cols, k, alpha, a, aOff + ao, lda,
                            b, bOff + bo, ldb, beta, c, cOff + co, ldc));
        } else {
            VectorGemm.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, mayFork);
        }
    }

    /** One single-threaded BLAS call on a block of C: element offsets into A, B and C, and the block's extent. */
    @FunctionalInterface
    private interface BlasBlock {
        void run(long aOffset, long bOffset, long cOffset, int rows, int cols);
    }

    /** Rows or columns of C per BLAS call are multiples of this (whole micro-tiles of OpenBLAS's kernels). */
    private static final int BLAS_ALIGN = 16;

    /**
     * With {@link #BLAS_SPLIT}, runs a BLAS product as one single-threaded call per block of C, the blocks shared out by
     * {@link Parallel} as the Vector API path shares its own ({@link VectorGemm#split}: rows or columns,
     * one block per thread). OpenBLAS itself runs one thread ({@link Blas}): its threads split the work
     * statically and busy-wait for each other, so one descheduled thread stalls the whole product on a
     * busy machine, while here the calling thread takes a block a pool worker has not started. Without
     * it, one call with OpenBLAS's own threads.
     */
    private static void blasSplit(boolean transA, boolean transB, int m, int n, int k, long lda, long ldb, long ldc,
                                  boolean mayFork, BlasBlock block) {
        int threads = BLAS_SPLIT && mayFork ? Parallel.threads() : 1;
        long work = (long) m * n * k;
        switch (VectorGemm.split(m, n, k, BLAS_ALIGN, BLAS_ALIGN, threads, transA, transB)) {
            case NONE -> block.run(0, 0, 0, m, n);
            case ROWS -> Parallel.forRange(m, VectorGemm.grain(work / m, BLAS_ALIGN), BLAS_ALIGN, threads, (s, e) ->
                    block.run(transA ? s : s * lda, 0, s * ldc, (int) (e - s), n));
            case COLS -> Parallel.forRange(n, VectorGemm.grain(work / n, BLAS_ALIGN), BLAS_ALIGN, threads, (s, e) ->
                    block.run(0, transB ? s * ldb : s, s, m, (int) (e - s)));
        }
    }

    private static boolean useBlas(int m, int n, int k, MemorySegment a, MemorySegment b, MemorySegment c,
                                   long lda, long ldb, long ldc) {
        return (long) m * n * k >= BLAS_MIN_WORK && Blas.isAvailable() && Blas.usable(a, b, c, lda, ldb, ldc);
    }
}
