package org.mlx4j.bench;

import java.util.concurrent.TimeUnit;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * float32 {@code n x n x n} matrix product through {@code Mx.matmul} and {@code Mx.eval}, inputs evaluated in
 * setup, the output closed after each call. {@code path=blas} uses whatever BLAS the CPU backend loads (and
 * falls back to the Vector API GEMM where none loads); {@code path=vector} sets {@code mlx4j.blas=none}
 * before mlx4j starts, so it always measures the Vector API GEMM. JMH runs every parameter combination in a
 * fresh fork, which is what makes the property take effect; with {@code -f 0} only one path can run.
 * Throughput is {@code 2 n^3 / time}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class MatmulBench {

    /** The system property the CPU backend reads to choose (or, with "none", refuse) a BLAS library. */
    static final String BLAS_PROPERTY = "mlx4j.blas";

    /** The path chosen by the first trial in this JVM; a later trial cannot change it. */
    private static String pathInEffect;

    @Param({"1024", "2048"})
    public int n;

    @Param({"blas", "vector"})
    public String path;

    Array a;
    Array b;

    @Setup(Level.Trial)
    public void setup() {
        selectPath(path);
        a = Mx.array(BenchInputs.uniform(1, n * n, -1f, 1f), n, n);
        b = Mx.array(BenchInputs.uniform(2, n * n, -1f, 1f), n, n);
        Mx.eval(a, b);
        System.out.println("# GEMM implementation: " + org.mlx4j.core.backend.cpu.Gemm.implementation());
    }

    /** One product, evaluated; the caller owns (and closes) the result. */
    Array product() {
        Array out = Mx.matmul(a, b);
        Mx.eval(out);
        return out;
    }

    @Benchmark
    public void matmul(Blackhole bh) {
        try (Array out = product()) {
            bh.consume(out);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        a.close();
        b.close();
    }

    /** Sets {@link #BLAS_PROPERTY} for {@code path} before mlx4j starts, or fails if another path already ran. */
    static synchronized void selectPath(String path) {
        if (!path.equals("blas") && !path.equals("vector")) {
            throw new IllegalArgumentException("MatmulBench path must be 'blas' or 'vector', got '" + path + "'");
        }
        if (pathInEffect != null && !pathInEffect.equals(path)) {
            throw new IllegalStateException("MatmulBench path=" + path + " needs its own JVM: this one already ran path="
                    + pathInEffect + " (run with forks >= 1, not -f 0)");
        }
        if (path.equals("vector")) {
            System.setProperty(BLAS_PROPERTY, "none");
        } else if ("none".equals(System.getProperty(BLAS_PROPERTY))) {
            throw new IllegalStateException("MatmulBench path=blas cannot run with -D" + BLAS_PROPERTY
                    + "=none; drop the property");
        }
        pathInEffect = path;
    }
}
