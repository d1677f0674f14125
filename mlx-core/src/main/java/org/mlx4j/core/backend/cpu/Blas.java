package org.mlx4j.core.backend.cpu;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * An optional OpenBLAS reached through the foreign-function API ({@code cblas_sgemm},
 * {@code cblas_dgemm}); see {@link BlasLoader} for where the library comes from. It is loaded on
 * first use; if it cannot be, BLAS is unavailable (one line is logged at FINE) and
 * {@link Gemm} uses {@link VectorGemm}. Native code sees addresses, so every call is checked
 * first and only native (off-heap) segments are accepted.
 */
public final class Blas {
    private static final System.Logger LOG = System.getLogger(Blas.class.getName());
    private static final int ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112;

    private Blas() {}

    /** The loaded library, created on first use. */
    private static final class Native {
        static final String PATH;
        static final String REASON;
        static final MethodHandle SGEMM;
        static final MethodHandle DGEMM;
        static final SymbolLookup LOOKUP;
        static final boolean ILP64;

        static {
            String path = null, reason = null;
            MethodHandle s = null, d = null;
            SymbolLookup lookup = null;
            boolean wide = false;
            try {
                BlasLoader.Result r = BlasLoader.load(System.getProperty("mlx4j.blas"));
                if (r.lookup() == null) {
                    reason = r.reason();
                } else {
                    boolean ilp64 = config(r.lookup()).contains("USE64BITINT");
                    lookup = r.lookup();
                    wide = ilp64;
                    s = gemmHandle(r.lookup(), "cblas_sgemm", ValueLayout.JAVA_FLOAT, float.class, ilp64);
                    d = gemmHandle(r.lookup(), "cblas_dgemm", ValueLayout.JAVA_DOUBLE, double.class, ilp64);
                    setThreads(r.lookup(), Gemm.BLAS_SPLIT ? 1 : Parallel.threads()); // split: Gemm shares products out itself
                    path = r.path();
                }
            } catch (Throwable t) {
                s = d = null;
                path = null;
                lookup = null;
                reason = "cannot bind OpenBLAS: " + t;
            }
            PATH = path;
            REASON = reason;
            SGEMM = s;
            DGEMM = d;
            LOOKUP = lookup;
            ILP64 = wide;
            if (path != null) LOG.log(System.Logger.Level.DEBUG, "BLAS: OpenBLAS from " + path + (Gemm.BLAS_SPLIT ? ", one thread per call, " + Parallel.threads() + " calls at a time" : ", " + Parallel.threads() + " threads"));
            else LOG.log(System.Logger.Level.DEBUG, "BLAS unavailable: " + reason);
        }

        /**
         * (order, transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc), typed with int
         * dimensions whatever the library's integer width (an ILP64 build gets them widened).
         */
        private static MethodHandle gemmHandle(SymbolLookup lookup, String name, ValueLayout scalar, Class<?> scalarType,
                                               boolean ilp64) {
            MemoryLayout i = ValueLayout.JAVA_INT, n = ilp64 ? ValueLayout.JAVA_LONG : ValueLayout.JAVA_INT;
            MemoryLayout p = ValueLayout.ADDRESS;
            FunctionDescriptor fd = FunctionDescriptor.ofVoid(i, i, i, n, n, n, scalar, p, n, p, n, scalar, p, n);
            MethodHandle h = Linker.nativeLinker().downcallHandle(lookup.find(name).orElseThrow(), fd);
            MethodType exact = MethodType.methodType(void.class, int.class, int.class, int.class, int.class, int.class,
                    int.class, scalarType, MemorySegment.class, int.class, MemorySegment.class, int.class, scalarType,
                    MemorySegment.class, int.class);
            return MethodHandles.explicitCastArguments(h, exact);
        }

        private static String config(SymbolLookup lookup) {
            try {
                var fn = lookup.find("openblas_get_config");
                if (fn.isEmpty()) return "";
                MethodHandle h = Linker.nativeLinker().downcallHandle(fn.get(), FunctionDescriptor.of(ValueLayout.ADDRESS));
                MemorySegment s = (MemorySegment) h.invokeExact();
                return s.equals(MemorySegment.NULL) ? "" : s.reinterpret(4096).getString(0);
            } catch (Throwable t) {
                return "";
            }
        }

        private static void setThreads(SymbolLookup lookup, int threads) throws Throwable {
            var fn = lookup.find("openblas_set_num_threads");
            if (fn.isEmpty()) return;
            MethodHandle h = Linker.nativeLinker().downcallHandle(fn.get(), FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT));
            h.invokeExact(threads);
        }
    }

    /** Whether a BLAS library was loaded (loads it on the first call). */
    public static boolean isAvailable() { return Native.PATH != null; }

    /** The loaded library's path or name, or null when unavailable. */
    public static String path() { return Native.PATH; }

    /** The loaded library's symbols (LAPACK's too, where it has them), or null when none is loaded. */
    static SymbolLookup lookup() { return Native.LOOKUP; }

    /** Whether the loaded library's integers are 64-bit (an ILP64 build). */
    static boolean ilp64() { return Native.ILP64; }

    /** Why BLAS is unavailable, or null when it is available. */
    public static String unavailableReason() { return Native.REASON; }

    /**
     * float32 GEMM on the BLAS, same contract as {@link Gemm#sgemm}.
     *
     * @throws IllegalStateException when no BLAS is loaded
     * @throws IllegalArgumentException for bad arguments, heap segments, or a leading dimension
     *     beyond the int range of CBLAS
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             MemorySegment a, long aOffset, long lda, MemorySegment b, long bOffset, long ldb,
                             float beta, MemorySegment c, long cOffset, long ldc) {
        GemmChecks.check("Blas.sgemm", Float.BYTES, transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb,
                c, cOffset, ldc);
        requireUsable("Blas.sgemm", a, b, c, lda, ldb, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0f) {
            GemmSmallF32.scale(m, n, beta, c, cOffset, ldc);
            return;
        }
        sgemm0(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    /** float64 GEMM on the BLAS; see {@link #sgemm}. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                             MemorySegment a, long aOffset, long lda, MemorySegment b, long bOffset, long ldb,
                             double beta, MemorySegment c, long cOffset, long ldc) {
        GemmChecks.check("Blas.dgemm", Double.BYTES, transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb,
                c, cOffset, ldc);
        requireUsable("Blas.dgemm", a, b, c, lda, ldb, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0.0) {
            GemmSmallF64.scale(m, n, beta, c, cOffset, ldc);
            return;
        }
        dgemm0(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    /** Whether these operands can go to native code: native segments, int leading dimensions. */
    static boolean usable(MemorySegment a, MemorySegment b, MemorySegment c, long lda, long ldb, long ldc) {
        return a.isNative() && b.isNative() && c.isNative()
                && lda <= Integer.MAX_VALUE && ldb <= Integer.MAX_VALUE && ldc <= Integer.MAX_VALUE;
    }

    private static void requireUsable(String op, MemorySegment a, MemorySegment b, MemorySegment c,
                                      long lda, long ldb, long ldc) {
        if (!isAvailable()) throw new IllegalStateException(op + ": no BLAS loaded (" + unavailableReason() + ")");
        if (!usable(a, b, c, lda, ldb, ldc)) {
            throw new IllegalArgumentException(op + ": BLAS needs native segments (heap: a=" + !a.isNative()
                    + ", b=" + !b.isNative() + ", c=" + !c.isNative() + ") and leading dimensions <= "
                    + Integer.MAX_VALUE + " (lda=" + lda + ", ldb=" + ldb + ", ldc=" + ldc + ")");
        }
    }

    /** Unchecked call: arguments validated, m, n, k > 0, alpha != 0, {@link #usable} holds. */
    static void sgemm0(boolean transA, boolean transB, int m, int n, int k, float alpha,
                       MemorySegment a, long aOff, long lda, MemorySegment b, long bOff, long ldb,
                       float beta, MemorySegment c, long cOff, long ldc) {
        try {
            Native.SGEMM.invokeExact(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k, alpha,
                    a.asSlice(aOff * Float.BYTES), (int) lda, b.asSlice(bOff * Float.BYTES), (int) ldb, beta,
                    c.asSlice(cOff * Float.BYTES), (int) ldc);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cblas_sgemm failed", t);
        }
    }

    /** Unchecked call: arguments validated, m, n, k > 0, alpha != 0, {@link #usable} holds. */
    static void dgemm0(boolean transA, boolean transB, int m, int n, int k, double alpha,
                       MemorySegment a, long aOff, long lda, MemorySegment b, long bOff, long ldb,
                       double beta, MemorySegment c, long cOff, long ldc) {
        try {
            Native.DGEMM.invokeExact(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k, alpha,
                    a.asSlice(aOff * Double.BYTES), (int) lda, b.asSlice(bOff * Double.BYTES), (int) ldb, beta,
                    c.asSlice(cOff * Double.BYTES), (int) ldc);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cblas_dgemm failed", t);
        }
    }
}
