package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Unpacked float64 GEMM for products too small or too skinny to pay for packing: tiny matrices,
 * vector-matrix shapes (a few rows of C) and matrix-vector shapes (a few columns). Two forms:
 * rows of C as sums of scaled rows of B (vectors along n, when op(B) has rows along n) and
 * dot products (vectors along k, when rows of op(A) and columns of op(B) are contiguous).
 * Blocks of 4 rows of C share every load of B; a ragged last block repeats its last row rather
 * than carrying remainder code.
 */
final class GemmSmallF64 {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int VL = S.length();
    private static final ValueLayout.OfDouble E = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final long SZ = Double.BYTES;
    /** Rows (or columns) of C up to which the unpacked forms beat packing. */
    static final int SKINNY = 4;

    private GemmSmallF64() {}

    /** Whether the unpacked path should take this product (k > 0, alpha != 0). */
    static boolean handles(boolean transA, boolean transB, int m, int n, int k, long ldb, long work) {
        if (work <= VectorGemm.SMALL_WORK) return true;
        boolean rowsOfB = !transB;
        boolean dots = !transA && (transB || n == 1 && ldb == 1);
        return m <= SKINNY && (rowsOfB || dots) || n <= SKINNY && dots;
    }

    static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     MemorySegment a, long aOff, long lda, MemorySegment b, long bOff, long ldb,
                     double beta, MemorySegment c, long cOff, long ldc, boolean parallel) {
        if (!transA && (transB || n == 1 && ldb == 1) && (transB || k >= VL)) {
            long colStride = transB ? ldb : 0;
            if (parallel && n >= 4 * SKINNY) {
                Parallel.forRange(n, Math.max(2, VectorGemm.TASK_WORK / ((long) m * k)), 2, (s, e) -> dots(
                        0, m, (int) s, (int) e, k, alpha, a, aOff, lda, b, bOff, colStride, beta, c, cOff, ldc));
            } else if (parallel) {
                Parallel.forRange(m, Math.max(SKINNY, VectorGemm.TASK_WORK / ((long) n * k)), SKINNY, (s, e) -> dots(
                        (int) s, (int) e, 0, n, k, alpha, a, aOff, lda, b, bOff, colStride, beta, c, cOff, ldc));
            } else {
                dots(0, m, 0, n, k, alpha, a, aOff, lda, b, bOff, colStride, beta, c, cOff, ldc);
            }
        } else if (!transB) {
            if (parallel && n >= 4 * VL) {
                Parallel.forRange(n, Math.max(2 * VL, VectorGemm.TASK_WORK / ((long) m * k)), 2 * VL, (s, e) -> rowsOfB(
                        transA, 0, m, (int) s, (int) e, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc));
            } else if (parallel) {
                Parallel.forRange(m, Math.max(SKINNY, VectorGemm.TASK_WORK / ((long) n * k)), SKINNY, (s, e) -> rowsOfB(
                        transA, (int) s, (int) e, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc));
            } else {
                rowsOfB(transA, 0, m, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            }
        } else {
            scalar(transA, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /** C = beta * C over m x n (beta == 0 writes zeros without reading C). */
    static void scale(int m, int n, double beta, MemorySegment c, long cOff, long ldc) {
        if (beta == 1) return;
        DoubleVector vb = DoubleVector.broadcast(S, beta);
        for (int i = 0; i < m; i++) {
            long row = (cOff + i * ldc) * SZ;
            if (beta == 0) {
                c.asSlice(row, n * SZ).fill((byte) 0);
                continue;
            }
            int j = 0;
            for (; j + VL <= n; j += VL) {
                long off = row + j * SZ;
                DoubleVector.fromMemorySegment(S, c, off, ORDER).mul(vb).intoMemorySegment(c, off, ORDER);
            }
            if (j < n) {
                VectorMask<Double> mask = S.indexInRange(j, n);
                long off = row + j * SZ;
                DoubleVector.fromMemorySegment(S, c, off, ORDER, mask).mul(vb).intoMemorySegment(c, off, ORDER, mask);
            }
        }
    }

    /** C[i0..i1, j0..j1] from rows of B: C[i, :] = alpha * sum_p op(A)[i, p] * B[p, :] + beta * C[i, :]. */
    static void rowsOfB(boolean transA, int i0, int i1, int j0, int j1, int k, double alpha,
                        MemorySegment a, long aOff, long lda, MemorySegment b, long bOff, long ldb,
                        double beta, MemorySegment c, long cOff, long ldc) {
        // op(A)[i, p] sits at aOff + i * ri + p * rp.
        long ri = transA ? 1 : lda, rp = transA ? lda : 1;
        DoubleVector va = DoubleVector.broadcast(S, alpha), vb = DoubleVector.broadcast(S, beta);
        for (int j = j0; j < j1; j += 2 * VL) {
            VectorMask<Double> m0 = S.indexInRange(j, j1), m1 = S.indexInRange(j + VL, j1);
            boolean full = j + 2 * VL <= j1;
            for (int i = i0; i < i1; i += 4) {
                long a0 = (aOff + i * ri) * SZ, a1 = (aOff + Math.min(i + 1, i1 - 1) * ri) * SZ;
                long a2 = (aOff + Math.min(i + 2, i1 - 1) * ri) * SZ, a3 = (aOff + Math.min(i + 3, i1 - 1) * ri) * SZ;
                DoubleVector z = DoubleVector.zero(S);
                DoubleVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
                long rpb = rp * SZ;
                for (int p = 0; p < k; p++) {
                    long bo = (bOff + p * ldb + j) * SZ;
                    DoubleVector b0, b1;
                    if (full) {
                        b0 = DoubleVector.fromMemorySegment(S, b, bo, ORDER);
                        b1 = DoubleVector.fromMemorySegment(S, b, bo + VL * SZ, ORDER);
                    } else {
                        b0 = DoubleVector.fromMemorySegment(S, b, bo, ORDER, m0);
                        b1 = DoubleVector.fromMemorySegment(S, b, bo + VL * SZ, ORDER, m1);
                    }
                    long po = p * rpb;
                    DoubleVector x = DoubleVector.broadcast(S, a.get(E, a0 + po));
                    c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
                    x = DoubleVector.broadcast(S, a.get(E, a1 + po));
                    c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
                    x = DoubleVector.broadcast(S, a.get(E, a2 + po));
                    c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
                    x = DoubleVector.broadcast(S, a.get(E, a3 + po));
                    c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
                }
                int rows = Math.min(4, i1 - i);
                long co = (cOff + i * ldc + j) * SZ, ldcB = ldc * SZ, vo = VL * SZ;
                put(c00, c, co, va, beta, vb, m0, full); put(c01, c, co + vo, va, beta, vb, m1, full);
                if (rows > 1) { put(c10, c, co + ldcB, va, beta, vb, m0, full); put(c11, c, co + ldcB + vo, va, beta, vb, m1, full); }
                if (rows > 2) { put(c20, c, co + 2 * ldcB, va, beta, vb, m0, full); put(c21, c, co + 2 * ldcB + vo, va, beta, vb, m1, full); }
                if (rows > 3) { put(c30, c, co + 3 * ldcB, va, beta, vb, m0, full); put(c31, c, co + 3 * ldcB + vo, va, beta, vb, m1, full); }
            }
        }
    }

    /** C = alpha * acc + beta * C for one vector of C (masked when the block is ragged). */
    private static void put(DoubleVector acc, MemorySegment c, long off, DoubleVector va, double beta, DoubleVector vb, VectorMask<Double> mask, boolean full) {
        if (full) {
            DoubleVector r = acc.mul(va);
            if (beta != 0) r = DoubleVector.fromMemorySegment(S, c, off, ORDER).fma(vb, r);
            r.intoMemorySegment(c, off, ORDER);
        } else if (mask.anyTrue()) {
            DoubleVector r = acc.mul(va);
            if (beta != 0) r = DoubleVector.fromMemorySegment(S, c, off, ORDER, mask).fma(vb, r);
            r.intoMemorySegment(c, off, ORDER, mask);
        }
    }

    /**
     * C[i0..i1, j0..j1] as dot products of rows of A (row i at aOff + i * lda) with columns of op(B)
     * (column j at bOff + j * colStride), both contiguous in k. Blocks of 4 rows x 2 columns.
     */
    static void dots(int i0, int i1, int j0, int j1, int k, double alpha,
                     MemorySegment a, long aOff, long lda, MemorySegment b, long bOff, long colStride,
                     double beta, MemorySegment c, long cOff, long ldc) {
        int kv = k - k % VL;
        VectorMask<Double> tail = S.indexInRange(kv, k);
        for (int j = j0; j < j1; j += 2) {
            long b0 = (bOff + j * colStride) * SZ, b1 = (bOff + Math.min(j + 1, j1 - 1) * colStride) * SZ;
            for (int i = i0; i < i1; i += 4) {
                long a0 = (aOff + i * lda) * SZ, a1 = (aOff + Math.min(i + 1, i1 - 1) * lda) * SZ;
                long a2 = (aOff + Math.min(i + 2, i1 - 1) * lda) * SZ, a3 = (aOff + Math.min(i + 3, i1 - 1) * lda) * SZ;
                DoubleVector z = DoubleVector.zero(S);
                DoubleVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
                for (int p = 0; p <= k; p += VL) {
                    DoubleVector x0, x1, y0, y1, y2, y3;
                    long po = p * SZ;
                    if (p < kv) {
                        x0 = DoubleVector.fromMemorySegment(S, b, b0 + po, ORDER);
                        x1 = DoubleVector.fromMemorySegment(S, b, b1 + po, ORDER);
                        y0 = DoubleVector.fromMemorySegment(S, a, a0 + po, ORDER);
                        y1 = DoubleVector.fromMemorySegment(S, a, a1 + po, ORDER);
                        y2 = DoubleVector.fromMemorySegment(S, a, a2 + po, ORDER);
                        y3 = DoubleVector.fromMemorySegment(S, a, a3 + po, ORDER);
                    } else if (kv < k) {
                        x0 = DoubleVector.fromMemorySegment(S, b, b0 + po, ORDER, tail);
                        x1 = DoubleVector.fromMemorySegment(S, b, b1 + po, ORDER, tail);
                        y0 = DoubleVector.fromMemorySegment(S, a, a0 + po, ORDER, tail);
                        y1 = DoubleVector.fromMemorySegment(S, a, a1 + po, ORDER, tail);
                        y2 = DoubleVector.fromMemorySegment(S, a, a2 + po, ORDER, tail);
                        y3 = DoubleVector.fromMemorySegment(S, a, a3 + po, ORDER, tail);
                    } else {
                        break;
                    }
                    c00 = y0.fma(x0, c00); c01 = y0.fma(x1, c01);
                    c10 = y1.fma(x0, c10); c11 = y1.fma(x1, c11);
                    c20 = y2.fma(x0, c20); c21 = y2.fma(x1, c21);
                    c30 = y3.fma(x0, c30); c31 = y3.fma(x1, c31);
                }
                int rows = Math.min(4, i1 - i);
                boolean two = j + 1 < j1;
                long co = (cOff + i * ldc + j) * SZ, ldcB = ldc * SZ;
                dot(c00, c, co, alpha, beta);
                if (two) dot(c01, c, co + SZ, alpha, beta);
                if (rows > 1) { dot(c10, c, co + ldcB, alpha, beta); if (two) dot(c11, c, co + ldcB + SZ, alpha, beta); }
                if (rows > 2) { dot(c20, c, co + 2 * ldcB, alpha, beta); if (two) dot(c21, c, co + 2 * ldcB + SZ, alpha, beta); }
                if (rows > 3) { dot(c30, c, co + 3 * ldcB, alpha, beta); if (two) dot(c31, c, co + 3 * ldcB + SZ, alpha, beta); }
            }
        }
    }

    private static void dot(DoubleVector acc, MemorySegment c, long off, double alpha, double beta) {
        double r = alpha * acc.reduceLanes(VectorOperators.ADD);
        c.set(E, off, beta == 0 ? r : r + beta * c.get(E, off));
    }

    /** Both operands transposed and tiny: plain loops. */
    static void scalar(boolean transA, int m, int n, int k, double alpha,
                       MemorySegment a, long aOff, long lda, MemorySegment b, long bOff, long ldb,
                       double beta, MemorySegment c, long cOff, long ldc) {
        long ri = transA ? 1 : lda, rp = transA ? lda : 1;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int p = 0; p < k; p++) {
                    acc += a.get(E, (aOff + i * ri + p * rp) * SZ) * b.get(E, (bOff + (long) j * ldb + p) * SZ);
                }
                long off = (cOff + i * ldc + j) * SZ;
                double r = alpha * acc;
                c.set(E, off, beta == 0 ? r : r + beta * c.get(E, off));
            }
        }
    }
}
