package org.mlx4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Memory;
import org.mlx4j.core.graph.Handles;
import org.mlx4j.core.primitives.Compiled;

/** CompileBench's two bodies compute exp(a * b + c) (checked in float64), the compiled one as one fused node. */
class CompileBenchTest {

    @Test
    void eagerAndCompiledMatchFloat64ReferenceAndReleaseTheirBuffers() {
        CompileBench bench = new CompileBench();
        bench.size = 4099; // odd: vector tails
        bench.setup();
        try {
            float[] a = BenchInputs.uniform(11, 4099, -1f, 1f);
            float[] b = BenchInputs.uniform(12, 4099, -1f, 1f);
            float[] c = BenchInputs.uniform(13, 4099, -1f, 1f);
            Array probe = bench.compiled.apply(java.util.List.of(bench.a, bench.b, bench.c)).get(0);
            assertThat(Handles.node(probe).primitive()).isInstanceOf(Compiled.class);
            probe.eval().close();
            long active = Memory.activeMemory();
            try (Array eager = bench.eager(); Array fused = bench.fused()) {
                assertThat(fused.dtype()).isEqualTo(DType.FLOAT32);
                assertThat(fused.shape()).containsExactly(4099);
                float[] e = eager.toFloatArray(), f = fused.toFloatArray();
                for (int i = 0; i < 4099; i++) {
                    double ref = Math.exp((double) a[i] * b[i] + c[i]);
                    assertThat((double) f[i]).as("compiled[%d]", i).isCloseTo(ref, within(4e-7 * ref + 1e-7));
                    assertThat((double) e[i]).as("eager[%d]", i).isCloseTo(ref, within(4e-7 * ref + 1e-7));
                }
            }
            assertThat(Memory.activeMemory()).isEqualTo(active);
        } finally {
            bench.tearDown();
        }
    }
}
