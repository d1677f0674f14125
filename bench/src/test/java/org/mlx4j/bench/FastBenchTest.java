package org.mlx4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;

/**
 * Each FastBench workload kind at a small size: the fused op and the separate ops compute the same numbers
 * (the fused ops are checked against float64 reference code in mlx-core), so neither side times a wrong or
 * empty computation; the benchmark bodies run.
 */
class FastBenchTest {

    @Test
    void fusedAndUnfusedAgree() {
        for (String workload : new String[] {"rms_norm_rows3", "layer_norm_rows2", "rope_L5", "sdpa_decode_S70_D64",
                "sdpa_decode_S1_D128", "sdpa_prefill_L40_D64"}) {
            FastBench bench = new FastBench();
            bench.workload = workload;
            bench.setup();
            try (Array fused = bench.fusedOp(); Array unfused = bench.primitive.fallback(bench.inputs)) {
                assertThat(fused.shape()).as(workload).containsExactly(unfused.shape());
                assertThat(fused.dtype()).as(workload).isEqualTo(DType.FLOAT32);
                float[] f = fused.toFloatArray(), u = unfused.toFloatArray();
                assertThat(f.length).as(workload).isGreaterThan(0);
                for (int i = 0; i < f.length; i++) assertThat((double) f[i]).as("%s [%d]", workload, i).isCloseTo(u[i], within(1e-4));
            }
            bench.fused();
            bench.unfused();
        }
    }
}
