package org.mlx4j.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mlx4j.core.Array;
import org.mlx4j.core.Fn;
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
 * {@code exp(a * b + c)} over {@code size} float32 elements (16M = 64 MiB per array), eager against
 * compiled. {@code eager} builds the three ops and evaluates them with one {@code eval} (three kernels,
 * each intermediate written and read back); {@code compiled} calls {@code Mx.compile} of the same function,
 * traced once in setup, whose one {@code Compiled} node runs a generated Vector API loop that reads the
 * three inputs and writes the output in a single pass. Inputs are evaluated in setup; every array an
 * invocation creates is closed before it returns, so the buffer cache hands the same buffers back.
 * Effective bandwidth counts the bytes one fused pass must move: 4 arrays.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class CompileBench {

    @Param({"16777216"})
    public int size;

    Array a;
    Array b;
    Array c;
    Fn compiled;

    /** The function both benchmarks evaluate. */
    static List<Array> expMulAdd(List<Array> args) {
        return List.of(args.get(0).multiply(args.get(1)).add(args.get(2)).exp());
    }

    @Setup(Level.Trial)
    public void setup() {
        a = Mx.array(BenchInputs.uniform(11, size, -1f, 1f), size);
        b = Mx.array(BenchInputs.uniform(12, size, -1f, 1f), size);
        c = Mx.array(BenchInputs.uniform(13, size, -1f, 1f), size);
        Mx.eval(a, b, c);
        compiled = Mx.compile(CompileBench::expMulAdd);
        try (Array first = compiled.apply(List.of(a, b, c)).get(0)) { // traces and generates the kernel
            Mx.eval(first);
        }
    }

    /** Three eager ops, one eval; intermediates closed, the caller closes the result. */
    Array eager() {
        Array ab = a.multiply(b);
        Array abc = ab.add(c);
        Array out = abc.exp();
        Mx.eval(out);
        ab.close();
        abc.close();
        return out;
    }

    /** The compiled function: one fused node; the caller closes the result. */
    Array fused() {
        Array out = compiled.apply(List.of(a, b, c)).get(0);
        Mx.eval(out);
        return out;
    }

    @Benchmark
    public void eager(Blackhole bh) {
        try (Array out = eager()) {
            bh.consume(out);
        }
    }

    @Benchmark
    public void compiled(Blackhole bh) {
        try (Array out = fused()) {
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
