package org.mlx4j.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.mlx4j.core.backend.cpu.Blas;
import org.mlx4j.core.backend.cpu.Gemm;
import org.mlx4j.core.backend.cpu.VectorGemm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The GEMM kernels called directly: the Vector API path ({@link VectorGemm}), OpenBLAS through
 * FFM ({@link Blas}, when one loads: put the org.bytedeco:openblas platform jar on the class path
 * or point -Dmlx4j.blas at a libopenblas) and the routed {@link Gemm}. Square n x n x n products
 * on native, 64-byte aligned buffers; GFLOP/s = 2 n^3 / (time per op).
 *
 * <p>{@code main} is a quick driver that prints GFLOP/s (median and spread of several timed runs)
 * without the JMH harness: {@code java ... org.mlx4j.bench.GemmKernelBench [impl] [dtype] [trans] [n,...]}
 * with impl {@code vector|blas|gemm}, dtype {@code f32|f64}, trans {@code NN|NT|TN|TT}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class GemmKernelBench {
    @Param({"8", "64", "256", "512", "1024", "2048"})
    public int n;

    @Param({"f32", "f64"})
    public String dtype;

    @Param({"NN", "NT"})
    public String trans;

    private Problem problem;

    @Setup(Level.Trial)
    public void setup() {
        problem = new Problem(n, dtype.equals("f64"), trans.charAt(0) == 'T', trans.charAt(1) == 'T');
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        problem.close();
    }

    @Benchmark
    public void vector() {
        problem.run("vector");
    }

    @Benchmark
    public void blas() {
        if (!Blas.isAvailable()) throw new IllegalStateException("no BLAS: " + Blas.unavailableReason());
        problem.run("blas");
    }

    @Benchmark
    public void gemm() {
        problem.run("gemm");
    }

    /** One square product on native memory. */
    static final class Problem implements AutoCloseable {
        final int n;
        final boolean dbl, transA, transB;
        final Arena arena = Arena.ofShared();
        final MemorySegment a, b, c;

        Problem(int n, boolean dbl, boolean transA, boolean transB) {
            this.n = n;
            this.dbl = dbl;
            this.transA = transA;
            this.transB = transB;
            long bytes = (long) n * n * (dbl ? 8 : 4);
            a = arena.allocate(bytes, 64);
            b = arena.allocate(bytes, 64);
            c = arena.allocate(bytes, 64);
            Random rnd = new Random(42);
            for (long i = 0; i < (long) n * n; i++) {
                if (dbl) {
                    a.setAtIndex(ValueLayout.JAVA_DOUBLE, i, rnd.nextDouble() - 0.5);
                    b.setAtIndex(ValueLayout.JAVA_DOUBLE, i, rnd.nextDouble() - 0.5);
                } else {
                    a.setAtIndex(ValueLayout.JAVA_FLOAT, i, rnd.nextFloat() - 0.5f);
                    b.setAtIndex(ValueLayout.JAVA_FLOAT, i, rnd.nextFloat() - 0.5f);
                }
            }
        }

        void run(String impl) {
            if (dbl) {
                switch (impl) {
                    case "vector" -> VectorGemm.dgemm(transA, transB, n, n, n, 1, a, 0, n, b, 0, n, 0, c, 0, n);
                    case "blas" -> Blas.dgemm(transA, transB, n, n, n, 1, a, 0, n, b, 0, n, 0, c, 0, n);
                    default -> Gemm.dgemm(transA, transB, n, n, n, 1, a, 0, n, b, 0, n, 0, c, 0, n);
                }
            } else {
                switch (impl) {
                    case "vector" -> VectorGemm.sgemm(transA, transB, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
                    case "blas" -> Blas.sgemm(transA, transB, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
                    default -> Gemm.sgemm(transA, transB, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
                }
            }
        }

        @Override
        public void close() {
            arena.close();
        }
    }

    /** Quick GFLOP/s driver; see the class comment. */
    public static void main(String[] args) {
        String impl = args.length > 0 ? args[0] : "vector";
        boolean dbl = args.length > 1 && args[1].equals("f64");
        String trans = args.length > 2 ? args[2].toUpperCase(Locale.ROOT) : "NN";
        int[] sizes = args.length > 3 ? Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {256, 512, 1024, 2048};
        int runs = Integer.getInteger("runs", 9);
        System.out.println("implementation: " + impl + (impl.equals("gemm") ? " (" + Gemm.implementation() + ")" : "")
                + ", threads " + Runtime.getRuntime().availableProcessors());
        for (int n : sizes) {
            try (Problem p = new Problem(n, dbl, trans.charAt(0) == 'T', trans.charAt(1) == 'T')) {
                double flops = 2.0 * n * n * n;
                int reps = (int) Math.max(1, Math.min(1_000_000, 1.0e9 / flops)); // ~10 ms per timed run at 100 GFLOP/s
                long warmEnd = System.nanoTime() + 2_000_000_000L;
                while (System.nanoTime() < warmEnd) p.run(impl);
                List<Double> rates = new ArrayList<>();
                for (int r = 0; r < runs; r++) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < reps; i++) p.run(impl);
                    rates.add(flops * reps / (System.nanoTime() - t0));
                }
                List<Double> sorted = new ArrayList<>(rates);
                sorted.sort(null);
                StringBuilder all = new StringBuilder();
                for (double x : rates) all.append(String.format(Locale.ROOT, " %.0f", x));
                System.out.printf(Locale.ROOT, "%s %s %s n=%d: median %.1f GFLOP/s (min %.1f, max %.1f; runs:%s)%n",
                        impl, dbl ? "f64" : "f32", trans, n, sorted.get(runs / 2), sorted.get(0), sorted.get(runs - 1), all);
            }
        }
    }
}
