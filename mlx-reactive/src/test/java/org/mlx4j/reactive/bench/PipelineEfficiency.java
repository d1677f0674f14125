package org.mlx4j.reactive.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.Device;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Stream;
import org.mlx4j.reactive.MlxMono;
import org.mlx4j.reactive.Pipeline;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Pipelining benchmark (a program, not a test): a loader that takes L ms per item (a timer, as I/O
 * would) feeding a compute stage that takes C ms per item (a chain of matmuls on a compute stream).
 * Run one after the other they take N (L + C); pipelined they should take about N max(L, C) + min(L, C).
 * Prints, for each (L, C), the sequential and pipelined times and the efficiency = ideal / measured.
 *
 * <pre>
 * ./mlx4j mvn -q -pl mlx-reactive exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *   -Dexec.args="--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -classpath %classpath org.mlx4j.reactive.bench.PipelineEfficiency"
 * </pre>
 * Arguments (optional): items per run (default 40), then pairs "L:C" in ms (default 20:20 10:20 20:10 5:5).
 */
public final class PipelineEfficiency {
    private PipelineEfficiency() {}

    private static final int SIZE = 128;
    private static Array weights;

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        List<int[]> cases = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] lc = args[i].split(":");
            cases.add(new int[] {Integer.parseInt(lc[0]), Integer.parseInt(lc[1])});
        }
        if (cases.isEmpty()) cases = List.of(new int[] {20, 20}, new int[] {10, 20}, new int[] {20, 10}, new int[] {5, 5});
        Stream compute = Mx.newStream(Device.cpu());
        weights = Mx.array(random(SIZE * SIZE, 1), SIZE, SIZE).multiply(1.0 / Math.sqrt(SIZE));
        Mx.eval(weights);
        System.out.printf("%-5s %-5s %-4s %-9s %-9s %-11s %-10s %-9s %-10s%n",
                "L ms", "C ms", "N", "loading", "compute", "sequential", "pipelined", "ideal", "efficiency");
        for (int[] lc : cases) {
            int loadMs = lc[0];
            int k = calibrate(lc[1], compute);
            for (int warm = 0; warm < 2; warm++) pipelined(n / 4, loadMs, k, compute, 4);
            // each time is the best of 5 runs: the machine is shared, the minimum is the least disturbed
            double load = best(() -> loadOnly(n, loadMs));
            double comp = best(() -> computeOnly(n, k, compute));
            double seq = best(() -> sequential(n, loadMs, k, compute));
            double pipe = best(() -> pipelined(n, loadMs, k, compute, 4));
            // the stages overlap except for one item's load before the first compute (or one compute after the last load)
            double ideal = Math.max(load, comp) + Math.min(load, comp) / n;
            System.out.printf("%-5d %-5d %-4d %-9.1f %-9.1f %-11.1f %-10.1f %-9.1f %-10.3f%n",
                    loadMs, lc[1], n, load, comp, seq, pipe, ideal, ideal / pipe);
        }
    }

    private static double best(java.util.function.DoubleSupplier run) {
        double b = Double.MAX_VALUE;
        for (int i = 0; i < 5; i++) b = Math.min(b, run.getAsDouble());
        return b;
    }

    private static double loadOnly(int n, int loadMs) {
        long t0 = System.nanoTime();
        loader(n, loadMs).doOnNext(Array::close).blockLast();
        return (System.nanoTime() - t0) / 1e6;
    }

    /** The compute stage alone, its inputs ready, one item after the other. */
    private static double computeOnly(int n, int k, Stream compute) {
        List<Array> inputs = new ArrayList<>();
        for (int i = 0; i < n; i++) inputs.add(input(i));
        Mx.eval(inputs);
        long t0 = System.nanoTime();
        Flux.fromIterable(inputs).concatMap(x -> MlxMono.eval(graph(x, k, compute)), 1).doOnNext(Array::close).blockLast();
        double ms = (System.nanoTime() - t0) / 1e6;
        inputs.forEach(Array::close);
        return ms;
    }

    /** One item's compute graph: k chained matmuls with a tanh, on the compute stream. */
    private static Array graph(Array x, int k, Stream compute) {
        try (var s = Mx.withStream(compute)) {
            Array y = x;
            for (int i = 0; i < k; i++) y = Mx.tanh(y.matmul(weights));
            return y.sum();
        }
    }

    private static Array input(long i) {
        return Mx.full(new int[] {SIZE, SIZE}, (i % 7) * 0.01, org.mlx4j.core.DType.FLOAT32);
    }

    /** Median ms of one item's evaluation, after a warm-up. */
    private static double computeMillis(int k, Stream compute, int reps) {
        Array x = input(1);
        Mx.eval(x);
        for (int i = 0; i < 20; i++) Mx.eval(graph(x, k, compute)); // warm up (JIT)
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            Mx.eval(graph(x, k, compute));
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(t);
        return t[reps / 2];
    }

    /** The number of matmul layers whose evaluation takes about {@code targetMs}. */
    private static int calibrate(int targetMs, Stream compute) {
        double four = computeMillis(4, compute, 21) / 4;
        return Math.max(1, (int) Math.round(targetMs / four));
    }

    private static Flux<Array> loader(int n, int loadMs) {
        // a reader that takes L ms per item, one item after the other
        return Flux.range(0, n).concatMap(i -> Mono.delay(Duration.ofMillis(loadMs)).map(t -> input(i)), 0);
    }

    /** The same work without pipelining: load an item (L ms), then compute it and wait, then the next. */
    private static double sequential(int n, int loadMs, int k, Stream compute) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try {
                Thread.sleep(loadMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Array y = graph(input(i), k, compute);
            Mx.eval(y);
            y.close();
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double pipelined(int n, int loadMs, int k, Stream compute, int depth) {
        long t0 = System.nanoTime();
        loader(n, loadMs)
                .transform(Pipeline.of((Array x) -> graph(x, k, compute)).depth(depth).releaseInputs(true))
                .doOnNext(Array::close)
                .blockLast();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static float[] random(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) r.nextGaussian();
        return a;
    }
}
