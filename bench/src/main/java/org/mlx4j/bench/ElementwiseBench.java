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
 * Memory-bound elementwise work over {@code size} float32 elements (16M = 64 MiB per array): {@code a + b},
 * and {@code exp(a * b + c)} built eagerly as three ops and evaluated with one {@code eval} (no compile, so
 * three kernels). Inputs are evaluated in setup; every array an invocation creates is closed before it
 * returns, so from the second invocation on the buffer cache hands the same buffers back.
 * Effective bandwidth counts the bytes a single fused pass must move: 3 arrays for add, 4 for exp(a*b+c).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class ElementwiseBench {

    @Param({"16777216"})
    public int size;

    Array a;
    Array b;
    Array c;

    @Setup(Level.Trial)
    public void setup() {
        a = Mx.array(BenchInputs.uniform(11, size, -1f, 1f), size);
        b = Mx.array(BenchInputs.uniform(12, size, -1f, 1f), size);
        c = Mx.array(BenchInputs.uniform(13, size, -1f, 1f), size);
        Mx.eval(a, b, c);
    }

    /** {@code a + b}, evaluated; the caller closes it. */
    Array sum() {
        Array out = Mx.add(a, b);
        Mx.eval(out);
        return out;
    }

    /** {@code exp(a * b + c)}: three eager ops, one eval; intermediates closed, the caller closes the result. */
    Array expMulAdd() {
        Array ab = a.multiply(b);
        Array abc = ab.add(c);
        Array out = abc.exp();
        Mx.eval(out);
        ab.close();
        abc.close();
        return out;
    }

    @Benchmark
    public void add(Blackhole bh) {
        try (Array out = sum()) {
            bh.consume(out);
        }
    }

    @Benchmark
    public void expMulAdd(Blackhole bh) {
        try (Array out = expMulAdd()) {
            bh.consume(out);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        a.close();
        b.close();
        c.close();
    }
}
