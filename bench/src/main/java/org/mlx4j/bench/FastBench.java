package org.mlx4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mlx4j.core.Array;
import org.mlx4j.core.Fast;
import org.mlx4j.core.Mx;
import org.mlx4j.core.primitives.FastAttention;
import org.mlx4j.core.primitives.FastLayerNorm;
import org.mlx4j.core.primitives.FastPrimitive;
import org.mlx4j.core.primitives.FastRmsNorm;
import org.mlx4j.core.primitives.FastRope;
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
 * The fused ops of {@link Fast} against the same computation written as separate ops (each primitive's
 * fallback: what the op computed before it had a kernel of its own), float32, at LLM decode and prefill
 * shapes: {@code Hq = 32} query heads, {@code Hkv = 8} key heads, head dimension {@code D}; decode is one
 * query over {@code S} cached keys, prefill {@code L = S} queries with the causal mask. Norms run over rows
 * of 4096 features, rope over {@code [1, 32, L, 128]}. Inputs are evaluated in setup; each invocation builds
 * the graph, evaluates it and closes the result. {@code workload} names the op and shape:
 * {@code sdpa_decode_S4096_D128}, {@code sdpa_prefill_L512_D64}, {@code rms_norm_rows2048}, ...
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class FastBench {
    static final int QUERY_HEADS = 32, KEY_HEADS = 8, FEATURES = 4096;

    @Param({"rms_norm_rows1", "rms_norm_rows2048", "layer_norm_rows1", "layer_norm_rows2048", "rope_L1", "rope_L512",
            "sdpa_decode_S1_D128", "sdpa_decode_S256_D128", "sdpa_decode_S4096_D64", "sdpa_decode_S4096_D128",
            "sdpa_prefill_L512_D64", "sdpa_prefill_L512_D128", "sdpa_prefill_L2048_D64", "sdpa_prefill_L2048_D128"})
    public String workload;

    FastPrimitive primitive;
    List<Array> inputs;

    /** The integer after {@code key} in the workload name ({@code S4096} gives 4096). */
    private int number(String key) {
        for (String part : workload.split("_")) {
            if (part.startsWith(key) && part.length() > key.length() && Character.isDigit(part.charAt(key.length()))) {
                return Integer.parseInt(part.substring(key.length()));
            }
        }
        throw new IllegalArgumentException("FastBench: workload " + workload + " names no " + key);
    }

    private static Array random(long seed, int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return Mx.array(BenchInputs.uniform(seed, n, -1f, 1f), shape);
    }

    @Setup(Level.Trial)
    public void setup() {
        inputs = new ArrayList<>();
        if (workload.startsWith("rms_norm") || workload.startsWith("layer_norm")) {
            int rows = number("rows");
            inputs.add(random(1, rows, FEATURES));
            inputs.add(random(2, FEATURES));
            if (workload.startsWith("rms")) {
                primitive = new FastRmsNorm(1e-5);
            } else {
                inputs.add(random(3, FEATURES));
                primitive = new FastLayerNorm(1e-5, true, true);
            }
        } else if (workload.startsWith("rope")) {
            inputs.add(random(1, 1, QUERY_HEADS, number("L"), 128));
            inputs.add(Mx.array(17));
            primitive = new FastRope(128, false, 10000, 1, true, false);
        } else {
            boolean decode = workload.contains("decode");
            int d = number("D"), s = decode ? number("S") : number("L"), l = decode ? 1 : s;
            inputs.add(random(1, 1, QUERY_HEADS, l, d));
            inputs.add(random(2, 1, KEY_HEADS, s, d));
            inputs.add(random(3, 1, KEY_HEADS, s, d));
            primitive = new FastAttention(1 / Math.sqrt(d), !decode, false, false);
        }
        Mx.eval(inputs);
    }

    /** The fused op, through the public API. */
    Array fusedOp() {
        Array x = inputs.get(0);
        return switch (primitive) {
            case FastRmsNorm r -> Fast.rmsNorm(x, inputs.get(1), r.eps());
            case FastLayerNorm n -> Fast.layerNorm(x, inputs.get(1), inputs.get(2), n.eps());
            case FastRope r -> Fast.rope(x, r.dims(), r.traditional(), r.base(), r.scale(), inputs.get(1));
            case FastAttention a -> Fast.scaledDotProductAttention(x, inputs.get(1), inputs.get(2), a.scale(), a.causal() ? "causal" : null);
        };
    }

    @Benchmark
    public void fused() {
        try (Array out = fusedOp()) {
            Mx.eval(out);
        }
    }

    @Benchmark
    public void unfused() {
        try (Array out = primitive.fallback(inputs)) {
            Mx.eval(out);
        }
    }
}
