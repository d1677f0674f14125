package org.mlx4j.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;
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
 * A half-precision model's decode-step product ({@code x [1, K] @ W.T}, {@code x} and {@code W [N, K]} in
 * bfloat16 or float16) next to a streaming read of the weight's bytes ({@link StreamingRead}): the
 * product's time over the read's is the fraction of bandwidth it reaches reading each 2-byte weight once.
 *
 * <p>{@code main} is the CPU-time driver of {@link QuantMatvecBench} for this product:
 * {@code java ... org.mlx4j.bench.HalfMatvecBench [reps] [NxK,...] [bfloat16,float16]}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class HalfMatvecBench {
    /** {@code N x K}: 28672 x 4096 (224 MiB) is larger than the L3, so its bytes come from DRAM. */
    @Param({"4096x4096", "28672x4096"})
    public String shape;

    @Param({"bfloat16", "float16"})
    public String dtype;

    private Array x, wt;
    private Arena arena;
    private MemorySegment stream;

    @Setup(Level.Trial)
    public void setup() {
        String[] nk = shape.split("x");
        int n = Integer.parseInt(nk[0]), k = Integer.parseInt(nk[1]);
        DType t = dtype.equals("float16") ? DType.FLOAT16 : DType.BFLOAT16;
        Array w = Random.normal(new int[] {n, k}, DType.FLOAT32, Random.key(1)).astype(t);
        x = Random.normal(new int[] {1, k}, DType.FLOAT32, Random.key(2)).astype(t);
        Mx.eval(List.of(w, x));
        wt = Mx.transpose(w, 1, 0);
        arena = Arena.ofShared();
        stream = arena.allocate(2L * n * k, 64);
        stream.fill((byte) 1);
    }

    @TearDown(Level.Trial)
    public void tearDown() { arena.close(); }

    @Benchmark
    public Array halfMatvec() {
        Array y = Mx.matmul(x, wt);
        Mx.eval(List.of(y));
        return y;
    }

    @Benchmark
    public double streamingRead() { return StreamingRead.sum(stream); }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        String[] shapes = args.length > 1 ? args[1].split(",") : new String[] {"4096x4096", "28672x4096"};
        String[] dtypes = args.length > 2 ? args[2].split(",") : new String[] {"bfloat16", "float16"};
        System.out.printf("%-12s %-9s %14s %14s %10s %10s %8s%n", "N x K", "dtype", "product cpu-ms", "read cpu-ms", "prod GB/s", "read GB/s", "ratio");
        for (String sh : shapes) for (String dt : dtypes) {
            HalfMatvecBench b = new HalfMatvecBench();
            b.shape = sh;
            b.dtype = dt;
            b.setup();
            long bytes = b.stream.byteSize();
            double[] t = StreamingRead.medianCpuMillis(reps, b::halfMatvec, b::streamingRead);
            System.out.printf("%-12s %-9s %14.3f %14.3f %10.2f %10.2f %7.0f%%%n", sh, dt, t[0], t[1], bytes / t[0] / 1e6, bytes / t[1] / 1e6, 100 * t[1] / t[0]);
            b.tearDown();
        }
    }
}
