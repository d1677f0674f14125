package org.mlx4j.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GemmTest {
    static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT;
    static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE;

    /** One GEMM problem laid out in segments, with padding, offsets and random contents. */
    static final class Problem {
        final boolean transA, transB, dbl;
        final int m, n, k;
        final double alpha, beta;
        final long aOff, bOff, cOff, lda, ldb, ldc;
        final MemorySegment a, b, c, c0;

        Problem(Arena arena, Random rnd, boolean dbl, boolean transA, boolean transB, int m, int n, int k,
                double alpha, double beta, int pad, long off) {
            this.dbl = dbl;
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.alpha = alpha;
            this.beta = beta;
            aOff = off;
            bOff = 2 * off + 1;
            cOff = off + 3;
            lda = Math.max(1, transA ? m : k) + pad;
            ldb = Math.max(1, transB ? k : n) + 2 * pad;
            ldc = Math.max(1, n) + pad;
            a = random(arena, rnd, aOff + (long) (transA ? k : m) * lda);
            b = random(arena, rnd, bOff + (long) (transB ? n : k) * ldb);
            c = random(arena, rnd, cOff + (long) m * ldc);
            c0 = arena.allocate(c.byteSize(), 64).copyFrom(c);
        }

        MemorySegment random(Arena arena, Random rnd, long elems) {
            MemorySegment s = arena.allocate(Math.max(1, elems) * (dbl ? 8 : 4), 64);
            for (long i = 0; i < elems; i++) {
                double v = rnd.nextDouble() * 2 - 1;
                if (dbl) s.setAtIndex(D, i, v);
                else s.setAtIndex(F, i, (float) v);
            }
            return s;
        }

        double get(MemorySegment s, long i) { return dbl ? s.getAtIndex(D, i) : s.getAtIndex(F, i); }

        double opA(int i, int p) { return get(a, aOff + (transA ? p * lda + i : i * lda + p)); }

        double opB(int p, int j) { return get(b, bOff + (transB ? j * ldb + p : p * ldb + j)); }

        void sgemm() { Gemm.sgemm(transA, transB, m, n, k, (float) alpha, a, aOff, lda, b, bOff, ldb, (float) beta, c, cOff, ldc); }

        void dgemm() { Gemm.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc); }

        void vector() {
            if (dbl) VectorGemm.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            else VectorGemm.sgemm(transA, transB, m, n, k, (float) alpha, a, aOff, lda, b, bOff, ldb, (float) beta, c, cOff, ldc);
        }

        void reset() { c.copyFrom(c0); }

        /** alpha * sum_p op(A)[i,p] op(B)[p,j] + beta * C0[i,j], in float64. */
        double expected(int i, int j) {
            double acc = 0;
            for (int p = 0; p < k; p++) acc += opA(i, p) * opB(p, j);
            return alpha * acc + (beta == 0 ? 0 : beta * get(c0, cOff + i * ldc + j));
        }

        /** A rounding-error bound for C[i,j] in this precision: (k + 4) eps times the magnitudes summed. */
        double tolerance(int i, int j) {
            double mag = 0;
            for (int p = 0; p < k; p++) mag += Math.abs(opA(i, p) * opB(p, j));
            double old = beta == 0 ? 0 : Math.abs(beta * get(c0, cOff + i * ldc + j));
            return (k + 4) * (dbl ? 2.3e-16 : 1.2e-7) * (Math.abs(alpha) * mag + old) + 1e-30;
        }

        /** Checks C against a float64 triple loop, with a bound from the magnitudes summed; elements outside C untouched. */
        void verify(String what) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double want = expected(i, j), tol = tolerance(i, j);
                    double got = get(c, cOff + i * ldc + j);
                    if (!(Math.abs(got - want) <= tol)) {
                        throw new AssertionError(what + " " + this + ": C[" + i + "," + j + "] = " + got + ", want " + want
                                + " (tolerance " + tol + ")");
                    }
                }
            }
            // Padding between rows, before and after C is left alone.
            long elems = c.byteSize() / (dbl ? 8 : 4);
            for (long e = 0; e < elems; e++) {
                long rel = e - cOff;
                boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
                if (!inside && Double.compare(get(c, e), get(c0, e)) != 0) {
                    throw new AssertionError(what + " " + this + ": wrote outside C at element " + e);
                }
            }
        }

        @Override
        public String toString() {
            return (dbl ? "f64 " : "f32 ") + (transA ? "T" : "N") + (transB ? "T" : "N") + " m=" + m + " n=" + n + " k=" + k
                    + " alpha=" + alpha + " beta=" + beta + " lda=" + lda + " ldb=" + ldb + " ldc=" + ldc
                    + " offsets=" + aOff + "," + bOff + "," + cOff;
        }
    }

    /** Shapes that hit tiny, skinny, ragged, multi-block and multi-threaded paths. */
    static final int[][] SHAPES = {
            {1, 1, 1}, {2, 3, 1}, {1, 17, 5}, {5, 1, 33}, {8, 8, 8}, {3, 5, 7}, {1, 1, 300},
            {1, 200, 70}, {4, 130, 41}, {3, 67, 100}, {150, 1, 37}, {90, 3, 50}, {200, 4, 300},
            {13, 37, 29}, {12, 32, 256}, {25, 65, 257}, {24, 64, 16}, {37, 100, 9},
            {100, 120, 64}, {97, 131, 301}, {257, 33, 70}, {64, 250, 64}, {203, 97, 520}, {30, 4100, 3},
    };

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        double[][] scalars = {{1, 0}, {1.5, -0.75}, {-2, 1}};
        int idx = 0;
        for (int[] s : SHAPES) {
            for (int t = 0; t < 4; t++) {
                double[] ab = scalars[idx % scalars.length];
                int pad = idx % 3 == 0 ? 0 : idx % 3 == 1 ? 3 : 17;
                long off = idx % 2 == 0 ? 0 : 5;
                out.add(Arguments.of(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0, ab[0], ab[1], pad, off));
                idx++;
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}x{1}x{2} tA={3} tB={4} alpha={5} beta={6} pad={7} off={8}")
    @MethodSource("cases")
    void vectorFloatMatchesReference(int m, int n, int k, boolean tA, boolean tB, double alpha, double beta, int pad, long off) {
        try (Arena arena = Arena.ofShared()) {
            Problem p = new Problem(arena, new Random(31L * m + 7L * n + k), false, tA, tB, m, n, k, alpha, beta, pad, off);
            p.vector();
            p.verify("VectorGemm.sgemm");
            p.reset();
            p.sgemm();
            p.verify("Gemm.sgemm");
        }
    }

    @ParameterizedTest(name = "{0}x{1}x{2} tA={3} tB={4} alpha={5} beta={6} pad={7} off={8}")
    @MethodSource("cases")
    void vectorDoubleMatchesReference(int m, int n, int k, boolean tA, boolean tB, double alpha, double beta, int pad, long off) {
        try (Arena arena = Arena.ofShared()) {
            Problem p = new Problem(arena, new Random(17L * m + 5L * n + k), true, tA, tB, m, n, k, alpha, beta, pad, off);
            p.vector();
            p.verify("VectorGemm.dgemm");
            p.reset();
            p.dgemm();
            p.verify("Gemm.dgemm");
        }
    }

    @Test
    void kZeroScalesCByBeta() {
        try (Arena arena = Arena.ofShared()) {
            Problem p = new Problem(arena, new Random(1), false, false, false, 7, 9, 0, 2, 0.5, 1, 2);
            p.vector();
            p.verify("k=0");
            p.reset();
            p.sgemm();
            p.verify("k=0 Gemm");
            Problem q = new Problem(arena, new Random(2), true, true, true, 5, 3, 0, 2, -3, 0, 0);
            q.dgemm();
            q.verify("k=0 f64");
        }
    }

    @Test
    void betaZeroIgnoresNanAndInfinityInC() {
        try (Arena arena = Arena.ofShared()) {
            for (int[] s : new int[][] {{3, 4, 5}, {40, 70, 33}, {1, 100, 20}, {64, 64, 0}}) {
                Problem p = new Problem(arena, new Random(3), false, false, true, s[0], s[1], s[2], 1.25, 0, 2, 1);
                for (long e = 0; e < p.c.byteSize() / 4; e++) p.c.setAtIndex(F, e, e % 2 == 0 ? Float.NaN : Float.POSITIVE_INFINITY);
                p.c0.copyFrom(p.c);
                p.sgemm();
                for (int i = 0; i < p.m; i++) {
                    for (int j = 0; j < p.n; j++) assertThat(p.c.getAtIndex(F, p.cOff + i * p.ldc + j)).isFinite();
                }
                p.verify("beta=0 over NaN");
            }
        }
    }

    @Test
    void alphaZeroDoesNotReadAOrB() {
        try (Arena arena = Arena.ofShared()) {
            Problem p = new Problem(arena, new Random(4), true, false, false, 30, 40, 50, 0, -0.5, 0, 0);
            p.a.fill((byte) 0xFF); // NaN bit patterns everywhere
            p.dgemm();
            for (int i = 0; i < 30; i++) {
                for (int j = 0; j < 40; j++) {
                    long e = p.cOff + i * p.ldc + j;
                    assertThat(p.c.getAtIndex(D, e)).isEqualTo(-0.5 * p.c0.getAtIndex(D, e));
                }
            }
        }
    }

    @Test
    void nanAndInfinityInInputsPropagate() {
        try (Arena arena = Arena.ofShared()) {
            for (int[] s : new int[][] {{4, 5, 6}, {50, 70, 90}}) {
                for (boolean viaGemm : new boolean[] {true, false}) {
                    Problem p = new Problem(arena, new Random(5), false, false, false, s[0], s[1], s[2], 1, 0, 0, 0);
                    p.a.setAtIndex(F, p.aOff + 1 * p.lda + 2, Float.NaN);              // row 1 of C becomes NaN
                    p.b.setAtIndex(F, p.bOff + 3 * p.ldb + 4, Float.POSITIVE_INFINITY); // column 4 becomes +-inf or NaN
                    if (viaGemm) p.sgemm();
                    else p.vector();
                    for (int j = 0; j < p.n; j++) assertThat(p.c.getAtIndex(F, p.cOff + p.ldc + j)).isNaN();
                    for (int i = 0; i < p.m; i++) {
                        if (i != 1) assertThat(Float.isFinite(p.c.getAtIndex(F, p.cOff + i * p.ldc + 4))).isFalse();
                    }
                    assertThat(p.c.getAtIndex(F, p.cOff)).isFinite();
                }
            }
        }
    }

    @Test
    void emptyProductsLeaveCAlone() {
        try (Arena arena = Arena.ofShared()) {
            for (int[] s : new int[][] {{0, 5, 3}, {4, 0, 3}, {0, 0, 0}}) {
                Problem p = new Problem(arena, new Random(6), false, false, false, s[0], s[1], s[2], 2, 3, 1, 0);
                p.sgemm();
                assertThat(p.c.mismatch(p.c0)).isEqualTo(-1);
                p.vector();
                assertThat(p.c.mismatch(p.c0)).isEqualTo(-1);
            }
        }
    }

    @Test
    void confinedSegmentsStayOnTheCallingThread() {
        // Big enough to fork, but a confined arena's segments may only be touched by this thread.
        try (Arena arena = Arena.ofConfined()) {
            for (boolean dbl : new boolean[] {false, true}) {
                Problem p = new Problem(arena, new Random(9), dbl, false, true, 130, 140, 150, 1, 1, 2, 1);
                if (dbl) p.dgemm();
                else p.sgemm();
                p.verify("confined Gemm");
                p.reset();
                p.vector();
                p.verify("confined VectorGemm");
            }
            Problem q = new Problem(arena, new Random(10), false, false, false, 16, 16, 16, 1, 0, 0, 0);
            MemorySegment c = arena.allocate(q.c.byteSize() * 6, 64);
            for (int i = 0; i < 6; i++) c.asSlice(i * q.c.byteSize(), q.c.byteSize()).copyFrom(q.c);
            Gemm.sgemmBatched(6, false, false, 16, 16, 16, 1f, q.a, q.aOff, q.lda, 0, q.b, q.bOff, q.ldb, 0, 0f,
                    c, q.cOff, q.ldc, q.c.byteSize() / 4);
            q.c.copyFrom(c.asSlice(5 * q.c.byteSize(), q.c.byteSize()));
            q.verify("confined batched");
        }
    }

    @Test
    void heapSegmentsWork() {
        Random rnd = new Random(7);
        int m = 33, n = 47, k = 29;
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = rnd.nextFloat() - 0.5f;
        for (int i = 0; i < b.length; i++) b[i] = rnd.nextFloat() - 0.5f;
        Gemm.sgemm(false, false, m, n, k, 1f, MemorySegment.ofArray(a), 0, k, MemorySegment.ofArray(b), 0, n,
                0f, MemorySegment.ofArray(c), 0, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double want = 0;
                for (int p = 0; p < k; p++) want += (double) a[i * k + p] * b[p * n + j];
                assertThat((double) c[i * n + j]).isCloseTo(want, org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    void largeProductMatchesReferenceOnSampledEntries() {
        // Crosses the KC, MC and thread split boundaries in every dimension.
        try (Arena arena = Arena.ofShared()) {
            int m = 390, n = 301, k = 611;
            for (int t = 0; t < 4; t++) {
                Problem p = new Problem(arena, new Random(8 + t), false, (t & 1) != 0, (t & 2) != 0, m, n, k, 0.5, 2, 3, 1);
                p.sgemm();
                Random pick = new Random(t);
                for (int s = 0; s < 400; s++) {
                    int i = pick.nextInt(m), j = pick.nextInt(n);
                    double want = 0, mag = 0;
                    for (int q = 0; q < k; q++) {
                        want += p.opA(i, q) * p.opB(q, j);
                        mag += Math.abs(p.opA(i, q) * p.opB(q, j));
                    }
                    double old = p.get(p.c0, p.cOff + i * p.ldc + j);
                    want = 0.5 * want + 2 * old;
                    assertThat(p.get(p.c, p.cOff + i * p.ldc + j))
                            .isCloseTo(want, org.assertj.core.data.Offset.offset(k * 1.2e-7 * (mag + 2 * Math.abs(old))));
                }
            }
        }
    }

    static Stream<Arguments> batchCases() {
        return Stream.of(
                Arguments.of(5, 3, 4, 6, false, false, true, true),     // tiny: one task per few products
                Arguments.of(7, 17, 19, 23, true, false, true, false),  // broadcast B
                Arguments.of(6, 24, 31, 40, false, true, false, true),  // broadcast A
                Arguments.of(3, 150, 160, 170, true, true, true, true), // big: each product uses all cores
                Arguments.of(1, 9, 8, 7, false, false, true, true),
                Arguments.of(4, 1, 50, 64, false, true, true, true));
    }

    @ParameterizedTest(name = "batch={0} {1}x{2}x{3} tA={4} tB={5} strideA={6} strideB={7}")
    @MethodSource("batchCases")
    void batchedMatchesOneByOne(int batch, int m, int n, int k, boolean tA, boolean tB, boolean ownA, boolean ownB) {
        for (boolean dbl : new boolean[] {false, true}) {
            try (Arena arena = Arena.ofShared()) {
                Random rnd = new Random(batch * 100L + m);
                List<Problem> ps = new ArrayList<>();
                for (int i = 0; i < batch; i++) ps.add(new Problem(arena, rnd, dbl, tA, tB, m, n, k, 1.5, 0.25, 1, 0));
                Problem p0 = ps.get(0);
                int es = dbl ? 8 : 4;
                long sa = ownA ? p0.a.byteSize() / es : 0, sb = ownB ? p0.b.byteSize() / es : 0, sc = p0.c.byteSize() / es;
                MemorySegment a = arena.allocate(sa * batch * es + p0.a.byteSize(), 64);
                MemorySegment b = arena.allocate(sb * batch * es + p0.b.byteSize(), 64);
                MemorySegment c = arena.allocate(sc * batch * es, 64);
                for (int i = 0; i < batch; i++) {
                    Problem p = ps.get(i);
                    if (ownA || i == 0) a.asSlice(i * sa * es, p.a.byteSize()).copyFrom(p.a);
                    else p.a.copyFrom(p0.a);
                    if (ownB || i == 0) b.asSlice(i * sb * es, p.b.byteSize()).copyFrom(p.b);
                    else p.b.copyFrom(p0.b);
                    c.asSlice(i * sc * es, p.c.byteSize()).copyFrom(p.c);
                }
                if (dbl) {
                    Gemm.dgemmBatched(batch, tA, tB, m, n, k, 1.5, a, p0.aOff, p0.lda, sa, b, p0.bOff, p0.ldb, sb,
                            0.25, c, p0.cOff, p0.ldc, sc);
                } else {
                    Gemm.sgemmBatched(batch, tA, tB, m, n, k, 1.5f, a, p0.aOff, p0.lda, sa, b, p0.bOff, p0.ldb, sb,
                            0.25f, c, p0.cOff, p0.ldc, sc);
                }
                for (int i = 0; i < batch; i++) {
                    Problem p = ps.get(i);
                    p.c.copyFrom(c.asSlice(i * sc * es, p.c.byteSize()));
                    p.verify("batched item " + i);
                }
            }
        }
    }

    @Test
    void badArgumentsAreRejectedWithTheirNames() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment a = arena.allocate(4 * 6 * 4), b = arena.allocate(4 * 4 * 5), c = arena.allocate(4 * 6 * 5);
            assertThatThrownBy(() -> Gemm.sgemm(false, false, 6, 5, 4, 1, a, 0, 3, b, 0, 5, 0, c, 0, 5))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sgemm").hasMessageContaining("A")
                    .hasMessageContaining(">= 4");
            assertThatThrownBy(() -> Gemm.sgemm(false, true, 6, 5, 4, 1, a, 0, 4, b, 0, 3, 0, c, 0, 5))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("B (stored 5 x 4, transposed)");
            assertThatThrownBy(() -> Gemm.sgemm(false, false, 6, 5, 4, 1, a, 1, 4, b, 0, 5, 0, c, 0, 5))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 25 elements")
                    .hasMessageContaining("holds 24");
            assertThatThrownBy(() -> Gemm.sgemm(false, false, -1, 5, 4, 1, a, 0, 4, b, 0, 5, 0, c, 0, 5))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m=-1");
            assertThatThrownBy(() -> Gemm.sgemm(false, false, 6, 5, 4, 1, a, 0, 4, b, 0, 5, 0, c.asReadOnly(), 0, 5))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read-only");
            assertThatThrownBy(() -> Gemm.sgemm(false, false, 6, 5, 4, 1, a, -2, 4, b, 0, 5, 0, c, 0, 5))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset");
            assertThatThrownBy(() -> Gemm.dgemm(false, false, 6, 5, 4, 1, a, 0, 4, b, 0, 5, 0, c, 0, 5))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dgemm");
            assertThatThrownBy(() -> Gemm.sgemmBatched(2, false, false, 3, 5, 4, 1, a, 0, 4, 12, b, 0, 5, 0, 0, c, 0, 5, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strideC");
            assertThatThrownBy(() -> Gemm.sgemmBatched(3, false, false, 3, 5, 4, 1, a, 0, 4, 12, b, 0, 5, 0, 0, c, 0, 5, 15))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x 3 (stride 12)");
            assertThatThrownBy(() -> VectorGemm.sgemm(false, false, 6, 5, 4, 1, a, 0, 4, b, 0, 5, 0, null, 0, 5))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("segment c");
        }
    }

    @Test
    void implementationIsNamed() {
        String impl = Gemm.implementation();
        assertThat(impl.equals("vector") || impl.startsWith("openblas ")).as(impl).isTrue();
    }
}
