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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-op overhead: a chain of {@value #OPS} tiny elementwise ops on {@code size}-element float32 arrays
 * ({@code x = x * c + b}, 500 times), where the arithmetic is negligible and graph building, scheduling,
 * allocation and kernel dispatch are what is measured. Scores are microseconds per op.
 * <ul>
 *   <li>{@code chainOneEval}: build all {@value #OPS} nodes lazily, then one {@code eval} of the last.</li>
 *   <li>{@code chainEvalEach}: {@code eval} after every op, as eager code (NumPy style) would run.</li>
 * </ul>
 * Every handle an invocation creates is closed before it returns.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class DispatchBench {

    /** Ops per invocation (two per step of the chain). */
    public static final int OPS = 1000;

    @Param({"8"})
    public int size;

    Array x0;
    Array b;
    Array c;

    @Setup(Level.Trial)
    public void setup() {
        x0 = Mx.array(BenchInputs.uniform(21, size, -1f, 1f), size);
        b = Mx.array(BenchInputs.uniform(22, size, -1f, 1f), size);
        // |c| < 1 keeps the chain contracting towards b / (1 - c): values stay finite and well scaled.
        c = Mx.array(BenchInputs.uniform(23, size, 0.25f, 0.75f), size);
        Mx.eval(x0, b, c);
    }

    /** The whole chain as one graph and one eval; intermediates closed, the caller closes the result. */
    Array chainLazy() {
        Array[] nodes = new Array[OPS];
        Array x = x0;
        for (int i = 0; i < OPS; i += 2) {
            nodes[i] = x.multiply(c);
            nodes[i + 1] = nodes[i].add(b);
            x = nodes[i + 1];
        }
        Mx.eval(x);
        for (int i = 0; i < OPS - 1; i++) {
            nodes[i].close();
        }
        return x;
    }

    /** The chain evaluated op by op; each value is closed once the next is computed. */
    Array chainEager() {
        Array x = x0;
        for (int i = 0; i < OPS; i++) {
            Array next = (i % 2 == 0) ? x.multiply(c) : x.add(b);
            Mx.eval(next);
            if (x != x0) {
                x.close();
            }
            x = next;
        }
        return x;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void chainOneEval(Blackhole bh) {
        try (Array out = chainLazy()) {
            bh.consume(out);
        }
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void chainEvalEach(Blackhole bh) {
        try (Array out = chainEager()) {
            bh.consume(out);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        x0.close();
        b.close();
        c.close();
    }
}
