package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Argument checks shared by every GEMM entry point. They run before any kernel, and before any
 * native call: a BLAS handed a leading dimension or a segment that is too small would read or
 * write memory it does not own.
 */
final class GemmChecks {
    private GemmChecks() {}

    static void check(String op, int elemBytes, boolean transA, boolean transB, int m, int n, int k,
                      MemorySegment a, long aOff, long lda, MemorySegment b, long bOff, long ldb,
                      MemorySegment c, long cOff, long ldc) {
        checkBatched(op, elemBytes, 1, transA, transB, m, n, k, a, aOff, lda, 0, b, bOff, ldb, 0, c, cOff, ldc, 0);
    }

    static void checkBatched(String op, int elemBytes, int batch, boolean transA, boolean transB, int m, int n, int k,
                             MemorySegment a, long aOff, long lda, long strideA,
                             MemorySegment b, long bOff, long ldb, long strideB,
                             MemorySegment c, long cOff, long ldc, long strideC) {
        Objects.requireNonNull(a, () -> op + ": segment a is null");
        Objects.requireNonNull(b, () -> op + ": segment b is null");
        Objects.requireNonNull(c, () -> op + ": segment c is null");
        if (batch < 0 || m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException(op + ": batch, m, n and k must be >= 0, got batch=" + batch
                    + ", m=" + m + ", n=" + n + ", k=" + k);
        }
        if (strideA < 0 || strideB < 0 || strideC < 0) {
            throw new IllegalArgumentException(op + ": strides must be >= 0, got strideA=" + strideA
                    + ", strideB=" + strideB + ", strideC=" + strideC);
        }
        if (batch > 1 && strideC == 0 && m > 0 && n > 0) {
            throw new IllegalArgumentException(op + ": strideC must be > 0 when batch > 1 (" + batch
                    + " products cannot share one C)");
        }
        if (c.isReadOnly()) throw new IllegalArgumentException(op + ": segment c is read-only");
        // As stored: A is m x k (k x m when transposed), B is k x n (n x k), C is m x n.
        matrix(op, "A", elemBytes, batch, transA ? k : m, transA ? m : k, transA, a, aOff, lda, strideA);
        matrix(op, "B", elemBytes, batch, transB ? n : k, transB ? k : n, transB, b, bOff, ldb, strideB);
        matrix(op, "C", elemBytes, batch, m, n, false, c, cOff, ldc, strideC);
    }

    private static void matrix(String op, String name, int elemBytes, int batch, int rows, int cols, boolean trans,
                               MemorySegment s, long off, long ld, long stride) {
        if (off < 0) throw new IllegalArgumentException(op + ": offset of " + what(name, rows, cols, trans) + " must be >= 0, got " + off);
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException(op + ": leading dimension of " + what(name, rows, cols, trans) + " must be >= "
                    + Math.max(1, cols) + ", got " + ld);
        }
        if (batch == 0 || rows == 0 || cols == 0) return;
        long capacity = s.byteSize() / elemBytes;
        long end;
        try {
            long last = Math.addExact(off, Math.multiplyExact(batch - 1L, stride));
            end = Math.addExact(last, Math.addExact(Math.multiplyExact(rows - 1L, ld), cols));
        } catch (ArithmeticException overflow) {
            end = Long.MAX_VALUE;
        }
        if (end > capacity) {
            throw new IllegalArgumentException(op + ": " + what(name, rows, cols, trans) + (batch > 1 ? " x " + batch + " (stride " + stride + ")" : "")
                    + " with offset " + off + " and leading dimension " + ld + " needs " + end
                    + " elements but its segment holds " + capacity);
        }
    }

    /** The matrix as an error message names it (built only when a check fails: every product runs these checks). */
    private static String what(String name, int rows, int cols, boolean trans) {
        return name + " (stored " + rows + " x " + cols + (trans ? ", transposed" : "") + ")";
    }
}
