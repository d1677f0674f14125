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
 * <p>The compute stage is calibrated after a JIT warm-up, and the calibration is checked: the measured
 * compute time per item must be within {@link #TOLERANCE} of C, else it is calibrated again (a case that
 * still misses is reported as a mismatch, with no efficiency). Each round then measures compute alone before
 * and after the loading, sequential and pipelined runs; only steady-state rounds (both compute measurements
 * within the tolerance of C) count, and the reported efficiency is the median of their per-round
 * efficiencies, each from that round's own measurements.
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
    /** How far the measured compute time per item may be from C (a fraction; -Dpipeline.tolerance=...). */
    private static final double TOLERANCE = Double.parseDouble(System.getProperty("pipeline.tolerance", "0.15"));
    private static final int STEADY_ROUNDS = 5;
    private static final int MAX_ROUNDS = 12;
    private static final int MAX_CALIBRATIONS = 4;
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
        warmUp(compute);
        System.out.printf("%-5s %-5s %-4s %-6s %-9s %-9s %-11s %-10s %-9s %-10s %-8s%n",
                "L ms", "C ms", "N", "layers", "loading", "compute", "sequential", "pipelined", "ideal", "efficiency", "rounds");
        for (int[] lc : cases) {
            int loadMs = lc[0], targetMs = lc[1];
            int k = calibrate(targetMs, n, compute);
            double perItem = computeOnly(n, k, compute) / n;
            if (!near(perItem, targetMs)) {
                System.out.printf("%-5d %-5d %-4d %-6d mismatch: the compute stage takes %.1f ms per item, not %d ms +- %.0f%%; no efficiency reported%n",
                        loadMs, targetMs, n, k, perItem, targetMs, TOLERANCE * 100);
                continue;
            }
            for (int warm = 0; warm < 2; warm++) pipelined(n / 4, loadMs, k, compute, 4);
            List<double[]> steady = new ArrayList<>();
            int rounds = 0;
            while (steady.size() < STEADY_ROUNDS && rounds < MAX_ROUNDS) {
                rounds++;
                double compBefore = computeOnly(n, k, compute);
                double load = loadOnly(n, loadMs);
                double seq = sequential(n, loadMs, k, compute);
                double pipe = pipelined(n, loadMs, k, compute, 4);
                double compAfter = computeOnly(n, k, compute);
                if (!near(compBefore / n, targetMs) || !near(compAfter / n, targetMs)) continue; // not steady: drop
                double comp = (compBefore + compAfter) / 2;
                // the stages overlap except for one item's load before the first compute (or one compute after the last load)
                double ideal = Math.max(load, comp) + Math.min(load, comp) / n;
                steady.add(new double[] {load, comp, seq, pipe, ideal, ideal / pipe});
            }
            if (steady.isEmpty()) {
                System.out.printf("%-5d %-5d %-4d %-6d no steady-state round in %d: the compute time per item kept leaving %d ms +- %.0f%%%n",
                        loadMs, targetMs, n, k, rounds, targetMs, TOLERANCE * 100);
                continue;
            }
            System.out.printf("%-5d %-5d %-4d %-6d %-9.1f %-9.1f %-11.1f %-10.1f %-9.1f %-10.3f %d/%d%n",
                    loadMs, targetMs, n, k, median(steady, 0), median(steady, 1), median(steady, 2), median(steady, 3),
                    median(steady, 4), median(steady, 5), steady.size(), rounds);
        }
    }

    private static boolean near(double measuredMs, double targetMs) {
        return Math.abs(measuredMs - targetMs) <= TOLERANCE * targetMs;
    }

    private static double median(List<double[]> rows, int column) {
        double[] v = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Runs the compute path and the pipeline for a while, so that calibration measures compiled code. */
    private static void warmUp(Stream compute) {
        long end = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < end) {
            computeOnly(8, 8, compute);
            pipelined(8, 1, 4, compute, 4);
        }
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

    /**
     * The number of matmul layers for which the compute stage (as {@link #computeOnly} runs it) takes about
     * {@code targetMs} per item: scaled from a measurement and measured again, until it is within the tolerance
     * or the attempts run out (the caller checks the result once more).
     */
    private static int calibrate(int targetMs, int n, Stream compute) {
        int items = n; // as many items as the check and the rounds run: short runs measure a different per-item time
        int k = 4;
        for (int attempt = 0; attempt < MAX_CALIBRATIONS; attempt++) {
            double[] t = new double[3];
            for (int i = 0; i < t.length; i++) t[i] = computeOnly(items, k, compute) / items;
            java.util.Arrays.sort(t);
            double perItem = t[1]; // the median of three: one disturbed measurement does not move k
            if (near(perItem, targetMs)) return k;
            k = Math.max(1, (int) Math.round(k * targetMs / perItem));
        }
        return k;
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
