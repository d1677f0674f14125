package org.mlx4j.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Linalg;
import org.mlx4j.core.Mx;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Linalg.svd} (full u and vt), {@code Linalg.eigh} (values and vectors) and {@code Linalg.solve} (64
 * right-hand sides) of one {@code n x n} matrix, evaluated, against NumPy's {@code np.linalg} in
 * {@code scripts/compare_linalg.py}. The symmetric input of eigh is {@code (a + a^T) / 2}, the system of solve is
 * {@code a + n I}. {@code path=lapack} uses LAPACK through FFM (OpenBLAS from the class path);
 * {@code path=java} sets {@code mlx4j.linalg.java} and times the pure-Java kernels.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 7, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class LinalgBench {

    @Param({"512"})
    public int n;

    @Param({"float32", "float64"})
    public String dtype;

    @Param({"lapack"})
    public String path;

    Array a;
    Array symmetric;
    Array system;
    Array rhs;

    @Setup
    public void setup() {
        if (path.equals("java")) System.setProperty("mlx4j.linalg.java", "true");
        else System.clearProperty("mlx4j.linalg.java");
        DType t = dtype.equals("float32") ? DType.FLOAT32 : DType.FLOAT64;
        a = Mx.astype(Mx.array(BenchInputs.uniform(1, n * n, -1f, 1f), n, n), t);
        symmetric = Mx.multiply(Mx.add(a, Mx.swapAxes(a, 0, 1)), 0.5);
        system = Mx.add(a, Mx.multiply(Mx.eye(n, n, 0, t), n));
        rhs = Mx.astype(Mx.array(BenchInputs.uniform(2, n * 64, -1f, 1f), n, 64), t);
        Mx.eval(a, symmetric, system, rhs);
    }

    @Benchmark
    public List<Array> svd() {
        List<Array> usv = Linalg.svd(a);
        Mx.eval(usv);
        return usv;
    }

    @Benchmark
    public List<Array> eigh() {
        List<Array> wv = Linalg.eigh(symmetric);
        Mx.eval(wv);
        return wv;
    }

    @Benchmark
    public Array solve() {
        Array x = Linalg.solve(system, rhs);
        Mx.eval(x);
        return x;
    }
}
