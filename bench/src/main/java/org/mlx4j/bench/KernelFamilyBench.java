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
 * reductions): one op over a {@code rows x cols} matrix of {@code dtype}, evaluated, per invocation.
 * "Rows" benchmarks work along the contiguous last axis, "columns" ones along the first axis
 * (the kept axis contiguous). Inputs are uniform in [-8, 8) (integers: truncated), evaluated in
 * setup; each result is closed before the invocation returns. Softmax and logsumexp take floating
 * dtypes only: run them with {@code -p dtype=float32,float64}.
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
        SOFTMAX, LOGSUMEXP, ARGMAX_ROWS, ARGMAX_COLUMNS, SUM_ROWS, SUM_COLUMNS, MAX_ROWS;

        Array apply(Array x) {
            Array out = switch (this) {
                case SOFTMAX -> Mx.softmax(x, -1);
                case LOGSUMEXP -> Mx.logsumexp(x, -1);
                case ARGMAX_ROWS -> Mx.argmax(x, 1);
                case ARGMAX_COLUMNS -> Mx.argmax(x, 0);
                case SUM_ROWS -> Mx.sum(x, 1);
                case SUM_COLUMNS -> Mx.sum(x, 0);
                case MAX_ROWS -> Mx.max(x, 1);
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

    @TearDown(Level.Trial)
    public void tearDown() {
        x.close();
    }
}
