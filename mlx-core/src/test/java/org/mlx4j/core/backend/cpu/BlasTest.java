package org.mlx4j.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The BLAS path. The test class path carries org.bytedeco:openblas for linux-x86_64, so there the
 * library must load; elsewhere the comparisons are skipped and only the "unavailable" behaviour runs.
 */
class BlasTest {
    private static final boolean BUNDLED_PLATFORM = "linux-x86_64".equals(BlasLoader.platform());

    @BeforeAll
    static void blasLoadsWhereTheJarShipsIt() {
        if (BUNDLED_PLATFORM && System.getProperty("mlx4j.blas") == null) {
            assertThat(Blas.isAvailable()).as("BLAS should load: %s", Blas.unavailableReason()).isTrue();
        }
    }

    @Test
    void implementationNamesTheLibrary() {
        assumeTrue(Blas.isAvailable());
        assertThat(Gemm.implementation()).isEqualTo("openblas " + Blas.path());
        assertThat(Blas.path()).contains("openblas");
        assertThat(Blas.unavailableReason()).isNull();
    }

    static Stream<Arguments> cases() {
        return GemmTest.cases();
    }

    @ParameterizedTest(name = "{0}x{1}x{2} tA={3} tB={4} alpha={5} beta={6} pad={7} off={8}")
    @MethodSource("cases")
    void blasEqualsVectorPath(int m, int n, int k, boolean tA, boolean tB, double alpha, double beta, int pad, long off) {
        assumeTrue(Blas.isAvailable());
        for (boolean dbl : new boolean[] {false, true}) {
            try (Arena arena = Arena.ofShared()) {
                GemmTest.Problem p = new GemmTest.Problem(arena, new Random(m * 7L + n + k), dbl, tA, tB, m, n, k,
                        alpha, beta, pad, off);
                if (dbl) Blas.dgemm(tA, tB, m, n, k, alpha, p.a, p.aOff, p.lda, p.b, p.bOff, p.ldb, beta, p.c, p.cOff, p.ldc);
                else Blas.sgemm(tA, tB, m, n, k, (float) alpha, p.a, p.aOff, p.lda, p.b, p.bOff, p.ldb, (float) beta, p.c, p.cOff, p.ldc);
                p.verify("Blas");
                MemorySegment viaBlas = arena.allocate(p.c.byteSize()).copyFrom(p.c);
                p.reset();
                p.vector();
                p.verify("VectorGemm");
                // Both within rounding of the exact result, so within twice that of each other.
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        long e = p.cOff + i * p.ldc + j;
                        assertThat(p.get(viaBlas, e)).as("C[%d,%d] %s", i, j, p)
                                .isCloseTo(p.get(p.c, e), org.assertj.core.data.Offset.offset(2 * p.tolerance(i, j)));
                    }
                }
            }
        }
    }

    @Test
    void blasRejectsHeapSegments() {
        assumeTrue(Blas.isAvailable());
        float[] a = new float[4], b = new float[4], c = new float[4];
        assertThatThrownBy(() -> Blas.sgemm(false, false, 2, 2, 2, 1f, MemorySegment.ofArray(a), 0, 2,
                MemorySegment.ofArray(b), 0, 2, 0f, MemorySegment.ofArray(c), 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("native");
    }

    @Test
    void blasChecksArgumentsBeforeTheNativeCall() {
        assumeTrue(Blas.isAvailable());
        try (Arena arena = Arena.ofShared()) {
            MemorySegment a = arena.allocate(4 * 4), b = arena.allocate(4 * 4), c = arena.allocate(4 * 3);
            assertThatThrownBy(() -> Blas.sgemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C (stored 2 x 2)");
        }
    }

    @Test
    void noneDisablesAndBadPathsAreUnavailableNotFatal() {
        assertThat(BlasLoader.load("none").lookup()).isNull();
        assertThat(BlasLoader.load("none").reason()).contains("mlx4j.blas=none");
        BlasLoader.Result missing = BlasLoader.load("/nonexistent/dir/libopenblas.so.0");
        assertThat(missing.lookup()).isNull();
        assertThat(missing.reason()).contains("/nonexistent/dir/libopenblas.so.0");
        // A real library without CBLAS in it is not accepted either.
        Path libjava = Path.of(System.getProperty("java.home"), "lib", System.mapLibraryName("java"));
        BlasLoader.Result notBlas = BlasLoader.load(libjava.toString());
        assertThat(notBlas.lookup()).isNull();
        assertThat(notBlas.reason()).contains("cblas_sgemm");
    }

    /** Prints what a fresh JVM sees, for {@link #systemPropertyNoneMeansVector()}. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            try (Arena arena = Arena.ofShared()) {
                MemorySegment a = arena.allocate(4 * 4), b = arena.allocate(4 * 4), c = arena.allocate(4 * 4);
                for (int i = 0; i < 4; i++) {
                    a.setAtIndex(GemmTest.F, i, i + 1);
                    b.setAtIndex(GemmTest.F, i, 1);
                }
                Gemm.sgemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
                System.out.println(Gemm.implementation() + "|" + Blas.isAvailable() + "|" + Blas.unavailableReason()
                        + "|" + c.getAtIndex(GemmTest.F, 0) + "," + c.getAtIndex(GemmTest.F, 3));
            }
        }
    }

    @Test
    void systemPropertyNoneMeansVector() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Dmlx4j.blas=none", "-cp", org.mlx4j.core.ForkedJvm.classPath(), Probe.class.getName());
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(proc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(proc.exitValue()).as(out).isZero();
        String line = out.lines().filter(l -> l.contains("|")).findFirst().orElseThrow(() -> new AssertionError(out));
        assertThat(line).isEqualTo("vector|false|disabled by mlx4j.blas=none|3.0,7.0");
    }
}
