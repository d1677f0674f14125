package org.mlx4j.bench;

import java.lang.management.ManagementFactory;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;

/**
 * Warm-start figures of a fresh JVM, printed as one JSON line: how long the first graphs take before the
 * JIT has compiled the kernels and the scheduler. Run it in a new JVM each time, with and without a JDK AOT
 * cache ({@code bench/scripts/warm-start.sh} does both):
 * <ul>
 *   <li>{@code jvm_to_main_ms}: JVM start to the first line of {@code main};</li>
 *   <li>{@code first_op_ms}: the first {@code a + b} on 8 elements, evaluated (class loading and
 *       initialisation of the core included);</li>
 *   <li>{@code first_graph_us_per_op}: the first chain of {@link DispatchBench#OPS} tiny ops, one eval (as
 *       {@code DispatchBench.chainOneEval});</li>
 *   <li>{@code first_10k_eager_us_per_op}: the next 10,000 tiny ops, each evaluated (as
 *       {@code DispatchBench.chainEvalEach});</li>
 *   <li>{@code warm_eager_us_per_op}: the 10,000 after those, for comparison.</li>
 * </ul>
 */
public final class WarmStart {
    private WarmStart() {}

    public static void main(String[] args) {
        long mainNanos = System.nanoTime();
        long jvmToMain = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        DispatchBench chain = new DispatchBench();
        long t0 = System.nanoTime();
        Array first = Mx.add(Mx.array(BenchInputs.uniform(1, 8, -1f, 1f), 8), Mx.array(BenchInputs.uniform(2, 8, -1f, 1f), 8));
        Mx.eval(first);
        long firstOp = System.nanoTime() - t0;
        chain.size = 8;
        chain.setup();
        t0 = System.nanoTime();
        chain.chainLazy().close();
        double firstGraph = (System.nanoTime() - t0) / 1e3 / DispatchBench.OPS;
        double firstEager = eagerUsPerOp(chain, 10_000);
        double warmEager = eagerUsPerOp(chain, 10_000);
        chain.tearDown();
        first.close();
        System.out.printf(java.util.Locale.ROOT,
                "{\"jvm_to_main_ms\":%d,\"first_op_ms\":%.2f,\"first_graph_us_per_op\":%.2f,"
                        + "\"first_10k_eager_us_per_op\":%.2f,\"warm_eager_us_per_op\":%.2f,\"main_to_end_ms\":%.1f}%n",
                jvmToMain, firstOp / 1e6, firstGraph, firstEager, warmEager, (System.nanoTime() - mainNanos) / 1e6);
    }

    private static double eagerUsPerOp(DispatchBench chain, int ops) {
        long t0 = System.nanoTime();
        for (int i = 0; i < ops / DispatchBench.OPS; i++) chain.chainEager().close();
        return (System.nanoTime() - t0) / 1e3 / ops;
    }
}
