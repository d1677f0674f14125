package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Unpacked float32 GEMM for products too small or too skinny to pay for packing: tiny matrices
 * (through a small scratch copy), vector-matrix shapes (a few rows of C) and matrix-vector
 * shapes (a few columns). Two streaming forms: rows of C as sums of scaled rows of B (vectors
 * along n, when op(B) has rows along n; blocks of 4 rows of C share every load of B) and dot
 * products (vectors along k, when rows of op(A) and columns of op(B) are contiguous). A ragged
 * last block repeats its last row or column rather than carrying remainder code.
 */
final class GemmSmallF32 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int VL = S.length();
    private static final ValueLayout.OfFloat E = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final long SZ = Float.BYTES;
    /** Rows (or columns) of C up to which the unpacked forms beat packing. */
    static final int SKINNY = 4;

    private GemmSmallF32() {}

    /** Whether the unpacked path should take this product (k > 0, alpha != 0). */
    static boolean handles(boolean transA, boolean transB, int m, int n, int k, long ldb, long work) {
        if (tiny(m, n, k, work)) return true;
        boolean rowsOfB = !transB && n >= VL;
        boolean dots = !transA && (transB || n == 1 && ldb == 1) && k >= VL;
        return m <= SKINNY && (rowsOfB || dots) || n <= SKINNY && dots;
    }

    private static boolean tiny(int m, int n, int k, long work) {
        return work <= VectorGemm.SMALL_WORK && (long) k * (n + VL) + (long) m * k + 4L * (n + VL) <= TINY_SCRATCH;
    }

    static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     MemorySegment a, long aOff, long lda, MemorySegment b, long bOff, long ldb,
                     float beta, MemorySegment c, long cOff, long ldc, boolean parallel) {
        if (tiny(m, n, k, (long) m * n * k)) {
            tiny(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else if (!transA && (transB || n == 1 && ldb == 1) && k >= VL) {
            long colStride = transB ? ldb : 0;
            if (parallel && n >= 8) {
                Parallel.forRange(n, Math.max(4, VectorGemm.TASK_WORK / ((long) m * k)), 4, (s, e) -> dots(
                        0, m, (int) s, (int) e, k, alpha, a, aOff, lda, b, bOff, colStride, beta, c, cOff, ldc));
            } else if (parallel) {
                Parallel.forRange(m, Math.max(1, VectorGemm.TASK_WORK / ((long) n * k)), (s, e) -> dots(
                        (int) s, (int) e, 0, n, k, alpha, a, aOff, lda, b, bOff, colStride, beta, c, cOff, ldc));
            } else {
                dots(0, m, 0, n, k, alpha, a, aOff, lda, b, bOff, colStride, beta, c, cOff, ldc);
            }
        } else if (!transB) {
            if (parallel && n >= 4 * VL) {
                Parallel.forRange(n, Math.max(VL, VectorGemm.TASK_WORK / ((long) m * k)), VL, (s, e) -> rowsOfB(
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

    /** Elements of scratch a tiny product may use (op(A) plus op(B) with rows padded to whole vectors). */
    private static final int TINY_SCRATCH = 1 << 15;
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[TINY_SCRATCH]);

    /**
     * Tiny products: op(A) and op(B) are copied into scratch (B's rows zero-padded to whole
     * vectors), so the loop runs on full vectors without masks or segment bounds at hand, and C
     * is written back element by element.
     */
    static void tiny(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     MemorySegment a, long aOff, long lda, MemorySegment b, long bOff, long ldb,
                     float beta, MemorySegment c, long cOff, long ldc) {
        float[] s = SCRATCH.get();
        int nv = (n + VL - 1) / VL * VL, sb = m * k, acc = sb + k * nv;
        long ri = transA ? 1 : lda, rp = transA ? lda : 1, bp = transB ? 1 : ldb, bj = transB ? ldb : 1;
        for (int i = 0; i < m; i++) {
            long row = aOff + i * ri;
            for (int p = 0; p < k; p++) s[i * k + p] = a.get(E, (row + p * rp) * SZ);
        }
        for (int p = 0; p < k; p++) {
            long row = bOff + p * bp;
            int dst = sb + p * nv;
            for (int j = 0; j < n; j++) s[dst + j] = b.get(E, (row + j * bj) * SZ);
            for (int j = n; j < nv; j++) s[dst + j] = 0;
        }
        // Four rows at a time keep four independent FMA chains in flight; a ragged block repeats its last row.
        for (int i = 0; i < m; i += 4) {
            int a0 = i * k, a1 = Math.min(i + 1, m - 1) * k, a2 = Math.min(i + 2, m - 1) * k, a3 = Math.min(i + 3, m - 1) * k;
            for (int jv = 0; jv < nv; jv += VL) {
                FloatVector z = FloatVector.zero(S), s0 = z, s1 = z, s2 = z, s3 = z;
                for (int p = 0; p < k; p++) {
                    FloatVector y = FloatVector.fromArray(S, s, sb + p * nv + jv);
                    s0 = FloatVector.broadcast(S, s[a0 + p]).fma(y, s0);
                    s1 = FloatVector.broadcast(S, s[a1 + p]).fma(y, s1);
                    s2 = FloatVector.broadcast(S, s[a2 + p]).fma(y, s2);
                    s3 = FloatVector.broadcast(S, s[a3 + p]).fma(y, s3);
                }
                s0.intoArray(s, acc + jv);
                s1.intoArray(s, acc + nv + jv);
                s2.intoArray(s, acc + 2 * nv + jv);
                s3.intoArray(s, acc + 3 * nv + jv);
            }
            for (int r = 0; r < Math.min(4, m - i); r++) {
                long row = (cOff + (i + r) * ldc) * SZ;
                for (int j = 0; j < n; j++) {
                    long off = row + j * SZ;
                    float v = alpha * s[acc + r * nv + j];
                    c.set(E, off, beta == 0 ? v : v + beta * c.get(E, off));
                }
            }
        }
    }

    /** C = beta * C over m x n (beta == 0 writes zeros without reading C). */
    static void scale(int m, int n, float beta, MemorySegment c, long cOff, long ldc) {
        if (beta == 1) return;
        FloatVector vb = FloatVector.broadcast(S, beta);
        for (int i = 0; i < m; i++) {
            long row = (cOff + i * ldc) * SZ;
            if (beta == 0) {
                c.asSlice(row, n * SZ).fill((byte) 0);
                continue;
            }
            int j = 0;
            for (; j + VL <= n; j += VL) {
                long off = row + j * SZ;
                FloatVector.fromMemorySegment(S, c, off, ORDER).mul(vb).intoMemorySegment(c, off, ORDER);
            }
            for (; j < n; j++) {
                long off = row + j * SZ;
                c.set(E, off, beta * c.get(E, off));
            }
        }
    }

    /** Columns of C per panel of {@link #rowsOfB}: one 4 x PANEL block of accumulators fits in L1. */
    private static final int PANEL = 1024;
    private static final ThreadLocal<float[]> ACC = ThreadLocal.withInitial(() -> new float[4 * PANEL]);

    /**
     * C[i0..i1, j0..j1] from rows of B: C[i, :] = alpha * sum_p op(A)[i, p] * B[p, :] + beta * C[i, :].
     * Each row of B is read once per block of 4 rows of C, front to back within a panel of
     * columns, while the accumulators of the block stay in L1.
     */
    static void rowsOfB(boolean transA, int i0, int i1, int j0, int j1, int k, float alpha,
                        MemorySegment a, long aOff, long lda, MemorySegment b, long bOff, long ldb,
                        float beta, MemorySegment c, long cOff, long ldc) {
        // op(A)[i, p] sits at aOff + i * ri + p * rp.
        long ri = transA ? 1 : lda, rp = transA ? lda : 1;
        float[] acc = ACC.get();
        for (int jp = j0; jp < j1; jp += PANEL) {
            int w = Math.min(PANEL, j1 - jp), wv = w - w % VL;
            for (int i = i0; i < i1; i += 4) {
                int rows = Math.min(4, i1 - i);
                java.util.Arrays.fill(acc, 0, 4 * PANEL, 0);
                long a0 = (aOff + i * ri) * SZ, a1 = (aOff + Math.min(i + 1, i1 - 1) * ri) * SZ;
                long a2 = (aOff + Math.min(i + 2, i1 - 1) * ri) * SZ, a3 = (aOff + Math.min(i + 3, i1 - 1) * ri) * SZ;
                for (int p = 0; p < k; p++) {
                    long po = p * rp * SZ, bo = (bOff + p * ldb + jp) * SZ;
                    float x0 = a.get(E, a0 + po), x1 = a.get(E, a1 + po), x2 = a.get(E, a2 + po), x3 = a.get(E, a3 + po);
                    FloatVector v0 = FloatVector.broadcast(S, x0), v1 = FloatVector.broadcast(S, x1), v2 = FloatVector.broadcast(S, x2), v3 = FloatVector.broadcast(S, x3);
                    if (rows == 1) {
                        for (int j = 0; j < wv; j += VL) {
                            FloatVector y = FloatVector.fromMemorySegment(S, b, bo + j * SZ, ORDER);
                            v0.fma(y, FloatVector.fromArray(S, acc, j)).intoArray(acc, j);
                        }
                    } else {
                        for (int j = 0; j < wv; j += VL) {
                            FloatVector y = FloatVector.fromMemorySegment(S, b, bo + j * SZ, ORDER);
                            v0.fma(y, FloatVector.fromArray(S, acc, j)).intoArray(acc, j);
                            v1.fma(y, FloatVector.fromArray(S, acc, PANEL + j)).intoArray(acc, PANEL + j);
                            v2.fma(y, FloatVector.fromArray(S, acc, 2 * PANEL + j)).intoArray(acc, 2 * PANEL + j);
                            v3.fma(y, FloatVector.fromArray(S, acc, 3 * PANEL + j)).intoArray(acc, 3 * PANEL + j);
                        }
                    }
                    for (int j = wv; j < w; j++) {
                        float y = b.get(E, bo + j * SZ);
                        acc[j] += x0 * y;
                        acc[PANEL + j] += x1 * y;
                        acc[2 * PANEL + j] += x2 * y;
                        acc[3 * PANEL + j] += x3 * y;
                    }
                }
                for (int r = 0; r < rows; r++) {
                    long row = (cOff + (i + r) * ldc + jp) * SZ;
                    for (int j = 0; j < w; j++) {
                        long off = row + j * SZ;
                        float v = alpha * acc[r * PANEL + j];
                        c.set(E, off, beta == 0 ? v : v + beta * c.get(E, off));
                    }
                }
            }
        }
    }

    /**
     * C[i0..i1, j0..j1] as dot products of rows of A (row i at aOff + i * lda) with columns of op(B)
     * (column j at bOff + j * colStride), both contiguous in k. Four columns at a time share each
     * load of A; their k x 4 block of B stays in cache while every row of A goes past it.
     */
    static void dots(int i0, int i1, int j0, int j1, int k, float alpha,
                     MemorySegment a, long aOff, long lda, MemorySegment b, long bOff, long colStride,
                     float beta, MemorySegment c, long cOff, long ldc) {
        int kv = k - k % VL;
        for (int j = j0; j < j1; j += 4) {
            int cols = Math.min(4, j1 - j);
            long b0 = (bOff + j * colStride) * SZ, b1 = (bOff + Math.min(j + 1, j1 - 1) * colStride) * SZ;
            long b2 = (bOff + Math.min(j + 2, j1 - 1) * colStride) * SZ, b3 = (bOff + Math.min(j + 3, j1 - 1) * colStride) * SZ;
            for (int i = i0; i < i1; i++) {
                long ar = (aOff + i * lda) * SZ;
                FloatVector z = FloatVector.zero(S), c0 = z, c1 = z, c2 = z, c3 = z;
                for (int p = 0; p < kv; p += VL) {
                    long po = p * SZ;
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ar + po, ORDER);
                    c0 = x.fma(FloatVector.fromMemorySegment(S, b, b0 + po, ORDER), c0);
                    c1 = x.fma(FloatVector.fromMemorySegment(S, b, b1 + po, ORDER), c1);
                    c2 = x.fma(FloatVector.fromMemorySegment(S, b, b2 + po, ORDER), c2);
                    c3 = x.fma(FloatVector.fromMemorySegment(S, b, b3 + po, ORDER), c3);
                }
                float s0 = c0.reduceLanes(VectorOperators.ADD), s1 = c1.reduceLanes(VectorOperators.ADD);
                float s2 = c2.reduceLanes(VectorOperators.ADD), s3 = c3.reduceLanes(VectorOperators.ADD);
                for (int p = kv; p < k; p++) {
                    long po = p * SZ;
                    float x = a.get(E, ar + po);
                    s0 += x * b.get(E, b0 + po);
                    s1 += x * b.get(E, b1 + po);
                    s2 += x * b.get(E, b2 + po);
                    s3 += x * b.get(E, b3 + po);
                }
                long co = (cOff + i * ldc + j) * SZ;
                dot(s0, c, co, alpha, beta);
                if (cols > 1) dot(s1, c, co + SZ, alpha, beta);
                if (cols > 2) dot(s2, c, co + 2 * SZ, alpha, beta);
                if (cols > 3) dot(s3, c, co + 3 * SZ, alpha, beta);
            }
        }
    }

    private static void dot(float sum, MemorySegment c, long off, float alpha, float beta) {
        float r = alpha * sum;
        c.set(E, off, beta == 0 ? r : r + beta * c.get(E, off));
    }

    /** Both operands transposed and tiny: plain loops. */
    static void scalar(boolean transA, int m, int n, int k, float alpha,
                       MemorySegment a, long aOff, long lda, MemorySegment b, long bOff, long ldb,
                       float beta, MemorySegment c, long cOff, long ldc) {
        long ri = transA ? 1 : lda, rp = transA ? lda : 1;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0;
                for (int p = 0; p < k; p++) {
                    acc += a.get(E, (aOff + i * ri + p * rp) * SZ) * b.get(E, (bOff + (long) j * ldb + p) * SZ);
                }
                long off = (cOff + i * ldc + j) * SZ;
                float r = alpha * acc;
                c.set(E, off, beta == 0 ? r : r + beta * c.get(E, off));
            }
        }
    }


}
