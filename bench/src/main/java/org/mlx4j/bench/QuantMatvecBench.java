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
 * A decode step's quantized matrix-vector product ({@code x [1, K] @ W.T}, {@code W [N, K]} in 4- or
 * 8-bit affine groups of 32, 64 or 128, FLOAT32 scales and biases, as {@code QuantizedLinear} runs it) next
 * to a plain streaming read of as many bytes as the product reads (packed words, scales and biases,
 * {@link StreamingRead}): the read's time is the machine's bandwidth for that size, and the product's time
 * over it is the fraction of bandwidth it reaches. {@code bench/scripts/compare_quant.py}
 * runs both and prints GB/s.
 *
 * <p>{@code main} is a quick driver for busy machines: it times both by the CPU time of all threads
 * (which other processes move far less than wall-clock time) and prints GB/s per CPU-second and their
 * ratio: {@code java ... org.mlx4j.bench.QuantMatvecBench [reps] [NxK,...] [bits,...] [group,...]}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class QuantMatvecBench {
    /** {@code N x K}: 28672 x 4096 (70 MiB at 4 bits) is larger than the L3, so its bytes come from DRAM. */
    @Param({"4096x4096", "11008x4096", "28672x4096"})
    public String shape;

    @Param({"4", "8"})
    public int bits;

    @Param({"32", "64", "128"})
    public int groupSize;

    private Array x, wq, scales, biases;
    private Arena arena;
    private MemorySegment stream;

    @Setup(Level.Trial)
    public void setup() {
        String[] nk = shape.split("x");
        int n = Integer.parseInt(nk[0]), k = Integer.parseInt(nk[1]);
        Array w = Random.normal(new int[] {n, k}, DType.FLOAT32, Random.key(1));
        List<Array> q = Mx.quantize(w, groupSize, bits);
        wq = q.get(0);
        scales = q.get(1);
        biases = q.get(2);
        x = Random.normal(new int[] {1, k}, DType.FLOAT32, Random.key(2));
        Mx.eval(List.of(wq, scales, biases, x));
        arena = Arena.ofShared();
        stream = arena.allocate(bytes(n, k, bits, groupSize), 64);
        stream.fill((byte) 1);
    }

    /** The bytes one product reads: packed words, FLOAT32 scales and biases (x and the output are negligible). */
    public static long bytes(int n, int k, int bits, int groupSize) {
        return (long) n * k * bits / 8 + 2L * n * (k / groupSize) * 4;
    }

    @TearDown(Level.Trial)
    public void tearDown() { arena.close(); }

    @Benchmark
    public float[] quantizedMatvec() {
        Array y = Mx.quantizedMatmul(x, wq, scales, biases, true, groupSize, bits);
        return y.toFloatArray();
    }

    @Benchmark
    public double streamingRead() { return StreamingRead.sum(stream); }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        String[] shapes = args.length > 1 ? args[1].split(",") : new String[] {"4096x4096", "11008x4096", "28672x4096"};
        String[] widths = args.length > 2 ? args[2].split(",") : new String[] {"4", "8"};
        String[] groups = args.length > 3 ? args[3].split(",") : new String[] {"64"};
        System.out.printf("%-12s %4s %5s %14s %14s %10s %10s %8s%n", "N x K", "bits", "group", "product cpu-ms", "read cpu-ms", "prod GB/s", "read GB/s", "ratio");
        for (String sh : shapes) for (String bw : widths) for (String gs : groups) {
            QuantMatvecBench b = new QuantMatvecBench();
            b.shape = sh;
            b.bits = Integer.parseInt(bw);
            b.groupSize = Integer.parseInt(gs);
            b.setup();
            String[] nk = sh.split("x");
            long bytes = bytes(Integer.parseInt(nk[0]), Integer.parseInt(nk[1]), b.bits, b.groupSize);
            double[] t = StreamingRead.medianCpuMillis(reps, b::quantizedMatvec, b::streamingRead);
            double p = t[0], q = t[1];
            System.out.printf("%-12s %4d %5d %14.3f %14.3f %10.2f %10.2f %7.0f%%%n", sh, b.bits, b.groupSize, p, q, bytes / p / 1e6, bytes / q / 1e6, 100 * q / p);
            b.tearDown();
        }
    }
}
