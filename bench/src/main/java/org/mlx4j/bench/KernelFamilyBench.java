package org.mlx4j.bench;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
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
 * The kernel families generated from one template per lane type (softmax rows, arg scans,
 * reductions, scan lanes, selection, conversion): one op over a {@code rows x cols} matrix of {@code dtype}, evaluated, per invocation.
 * "Rows" benchmarks work along the contiguous last axis, "columns" ones along the first axis
 * (the kept axis contiguous). Inputs are uniform in [-8, 8) (integers: truncated), evaluated in
 * setup; each result is closed before the invocation returns. Softmax and logsumexp take floating
 * dtypes only: run them with {@code -p dtype=float32,float64}.
 *
 * <p>On a loaded machine wall-clock times swing by several times between runs. {@link #main} gives a
 * second figure that load hardly moves: the CPU time per op of the live threads, median of {@code samples}
 * samples of {@code opsPerSample} ops after a warm-up, one line per op and dtype. Run it with
 * {@code -Dmlx4j.cpu.threads=1} so that the kernel runs on the stream thread alone:
 * <pre>
 *   java --add-modules jdk.incubator.vector -Dmlx4j.cpu.threads=1 -cp bench/target/benchmarks.jar \
 *        org.mlx4j.bench.KernelFamilyBench softmax,logsumexp float32,float64 [samples] [opsPerSample]
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class KernelFamilyBench {

    @Param({"float32", "float64", "int32", "int64"})
    public String dtype;

    @Param({"512"})
    public int rows;

    @Param({"2048"})
    public int cols;

    Array x;

    @Setup(Level.Trial)
    public void setup() {
        x = Mx.array(values(dtype, rows * cols), DType.valueOf(dtype.toUpperCase(Locale.ROOT)), rows, cols);
        Mx.eval(x);
    }

    /** The input's values: uniform in [-8, 8), truncated toward zero for integer dtypes. */
    static double[] values(String dtype, int n) {
        float[] f = BenchInputs.uniform(21, n, -8f, 8f);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = dtype.startsWith("int") ? (long) f[i] : f[i];
        return d;
    }

    /** The benchmarked ops, evaluated; the caller closes the result. */
    enum Op {
        SOFTMAX, LOGSUMEXP, ARGMAX_ROWS, ARGMAX_COLUMNS, SUM_ROWS, SUM_COLUMNS, MAX_ROWS, CUMSUM_ROWS, CUMSUM_COLUMNS, PARTITION_ROWS, ASTYPE_INT16;

        Array apply(Array x) {
            Array out = switch (this) {
                case SOFTMAX -> Mx.softmax(x, -1);
                case LOGSUMEXP -> Mx.logsumexp(x, -1);
                case ARGMAX_ROWS -> Mx.argmax(x, 1);
                case ARGMAX_COLUMNS -> Mx.argmax(x, 0);
                case SUM_ROWS -> Mx.sum(x, 1);
                case SUM_COLUMNS -> Mx.sum(x, 0);
                case MAX_ROWS -> Mx.max(x, 1);
                case CUMSUM_ROWS -> Mx.cumsum(x, 1);
                case CUMSUM_COLUMNS -> Mx.cumsum(x, 0);
                case PARTITION_ROWS -> Mx.partition(x, x.shape()[1] / 2, 1);
                case ASTYPE_INT16 -> Mx.astype(x, DType.INT16);
            };
            Mx.eval(out);
            return out;
        }
    }

    private void run(Op op, Blackhole bh) {
        try (Array out = op.apply(x)) {
            bh.consume(out);
        }
    }

    @Benchmark public void softmax(Blackhole bh) { run(Op.SOFTMAX, bh); }
    @Benchmark public void logsumexp(Blackhole bh) { run(Op.LOGSUMEXP, bh); }
    @Benchmark public void argmaxRows(Blackhole bh) { run(Op.ARGMAX_ROWS, bh); }
    @Benchmark public void argmaxColumns(Blackhole bh) { run(Op.ARGMAX_COLUMNS, bh); }
    @Benchmark public void sumRows(Blackhole bh) { run(Op.SUM_ROWS, bh); }
    @Benchmark public void sumColumns(Blackhole bh) { run(Op.SUM_COLUMNS, bh); }
    @Benchmark public void maxRows(Blackhole bh) { run(Op.MAX_ROWS, bh); }
    @Benchmark public void cumsumRows(Blackhole bh) { run(Op.CUMSUM_ROWS, bh); }
    @Benchmark public void cumsumColumns(Blackhole bh) { run(Op.CUMSUM_COLUMNS, bh); }
    @Benchmark public void partitionRows(Blackhole bh) { run(Op.PARTITION_ROWS, bh); }
    @Benchmark public void astypeInt16(Blackhole bh) { run(Op.ASTYPE_INT16, bh); }

    /** CPU time per op: {@code ops dtypes [samples [opsPerSample]]}, ops named like the benchmark methods. */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: KernelFamilyBench softmax,argmaxRows,... float32,... [samples] [opsPerSample]");
            System.exit(2);
        }
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        int perSample = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        for (String name : args[0].split(",")) {
            Op op = Op.valueOf(name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
            for (String dt : args[1].split(",")) {
                KernelFamilyBench b = new KernelFamilyBench();
                b.dtype = dt;
                b.rows = 512;
                b.cols = 2048;
                b.setup();
                long warmEnd = System.nanoTime() + 3_000_000_000L;
                while (System.nanoTime() < warmEnd) op.apply(b.x).close();
                double[] us = new double[samples];
                for (int k = 0; k < samples; k++) {
                    long c0 = cpuTimeOfAllThreads();
                    for (int i = 0; i < perSample; i++) op.apply(b.x).close();
                    us[k] = (cpuTimeOfAllThreads() - c0) / 1e3 / perSample;
                }
                b.tearDown();
                java.util.Arrays.sort(us);
                System.out.printf(Locale.ROOT, "%s %s cpu_us_per_op median %.1f min %.1f%n", name, dt, us[samples / 2], us[0]);
            }
        }
    }

    /** Nanoseconds of CPU time used so far by the live threads (finer-grained than the process's). */
    static long cpuTimeOfAllThreads() {
        java.lang.management.ThreadMXBean t = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : t.getAllThreadIds()) sum += Math.max(0, t.getThreadCpuTime(id));
        return sum;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        x.close();
    }
}
