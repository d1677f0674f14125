package org.mlx4j.bench;

import java.util.concurrent.TimeUnit;
import org.mlx4j.core.Array;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * float32 {@code Mx.conv2d} on ResNet-50's convolution shapes, batch 8, channels last (NHWC input,
 * {@code [C_out, KH, KW, C_in]} weight), inputs evaluated in setup, the output closed after each call.
 * {@code layer} is {@code name:H:C_in:C_out:K:stride:padding} (H = W); the same list is in
 * {@code bench/scripts/compare_conv.py}, which runs PyTorch and ONNX Runtime on it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class ConvBench {
    static final int BATCH = 8;

    @Param({"conv1:224:3:64:7:2:3", "l1_3x3:56:64:64:3:1:1", "l1_1x1:56:64:256:1:1:0", "l2_3x3s2:56:128:128:3:2:1",
            "l3_3x3:14:256:256:3:1:1", "l3_1x1:14:1024:256:1:1:0", "l4_3x3:7:512:512:3:1:1"})
    public String layer;

    Array x;
    Array w;
    int stride;
    int padding;

    @Setup
    public void setup() {
        String[] f = layer.split(":");
        int h = Integer.parseInt(f[1]), cin = Integer.parseInt(f[2]), cout = Integer.parseInt(f[3]), k = Integer.parseInt(f[4]);
        stride = Integer.parseInt(f[5]);
        padding = Integer.parseInt(f[6]);
        x = Mx.array(BenchInputs.uniform(1, BATCH * h * h * cin, -1f, 1f), BATCH, h, h, cin);
        w = Mx.array(BenchInputs.uniform(2, cout * k * k * cin, -0.1f, 0.1f), cout, k, k, cin);
        Mx.eval(x, w);
        System.out.println("# GEMM implementation: " + org.mlx4j.core.backend.cpu.Gemm.implementation());
    }

    /** One convolution, evaluated; the caller owns (and closes) the result. */
    Array output() {
        Array out = Mx.conv2d(x, w, stride, padding, 1, 1);
        Mx.eval(out);
        return out;
    }

    @Benchmark
    public void conv2d(Blackhole bh) {
        try (Array out = output()) {
            bh.consume(out);
        }
    }

    @TearDown
    public void tearDown() {
        x.close();
        w.close();
    }
}
