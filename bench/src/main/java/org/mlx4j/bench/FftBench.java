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
}
