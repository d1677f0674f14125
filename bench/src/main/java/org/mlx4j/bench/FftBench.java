package org.mlx4j.bench;

import java.util.concurrent.TimeUnit;
import org.mlx4j.core.Array;
import org.mlx4j.core.Fft;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Fft.fft} of a COMPLEX64 vector and {@code Fft.rfft} of a FLOAT32 vector of {@code n} points,
 * evaluated, the input evaluated in setup and the output closed after each call: the workloads of
 * {@code scripts/compare_fft.py}, which runs NumPy's pocketfft ({@code numpy.fft}) on the same sizes.
 *
 * <p>{@link #main} gives a figure that machine load hardly moves: the CPU time per transform of all live
 * threads (median of 15 samples after a warm-up), to compare with NumPy's process time; run it with
 * {@code -Dmlx4j.cpu.threads=1} for one thread, as NumPy's pocketfft runs a single transform:
 * <pre>
 *   java --add-modules jdk.incubator.vector -Dmlx4j.cpu.threads=1 -cp bench/target/benchmarks.jar \
 *        org.mlx4j.bench.FftBench [n]
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class FftBench {

    /** The transform length. */
    @Param({"1048576"})
    public int n;

    Array complex;
    Array real;

    @Setup(Level.Trial)
    public void setup() {
        real = Mx.array(BenchInputs.uniform(1, n, -1f, 1f), n);
        complex = Mx.complex(real, Mx.array(BenchInputs.uniform(2, n, -1f, 1f), n));
        Mx.eval(real, complex);
    }

    /** The complex transform of {@code n} points. */
    @Benchmark
    public void fft() {
        try (Array out = Fft.fft(complex)) {
            Mx.eval(out);
        }
    }

    /** The real transform of {@code n} points. */
    @Benchmark
    public void rfft() {
        try (Array out = Fft.rfft(real)) {
            Mx.eval(out);
        }
    }

    /**
     * Prints {@code fft cpu_ms_per_op median M min M} and the same for rfft.
     *
     * @param args the length (default 2^20)
     */
    public static void main(String[] args) {
        FftBench b = new FftBench();
        b.n = args.length > 0 ? Integer.parseInt(args[0]) : 1 << 20;
        b.setup();
        for (String name : new String[] {"fft", "rfft"}) {
            Runnable op = name.equals("fft") ? b::fft : b::rfft;
            long warmEnd = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < warmEnd) op.run();
            int samples = 15, perSample = 4;
            double[] ms = new double[samples];
            for (int k = 0; k < samples; k++) {
                long c0 = KernelFamilyBench.cpuTimeOfAllThreads();
                for (int i = 0; i < perSample; i++) op.run();
                ms[k] = (KernelFamilyBench.cpuTimeOfAllThreads() - c0) / 1e6 / perSample;
            }
            java.util.Arrays.sort(ms);
            System.out.printf(java.util.Locale.ROOT, "%s cpu_ms_per_op median %.3f min %.3f%n", name, ms[samples / 2], ms[0]);
        }
    }
}
