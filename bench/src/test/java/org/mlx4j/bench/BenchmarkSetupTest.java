package org.mlx4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Memory;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Runs each benchmark's setup and body on a small size and checks the numbers against float64 reference
 * code, so a benchmark can never time a wrong (or empty) computation. Also checks the premise the
 * elementwise and dispatch benchmarks rely on: closing what an invocation creates returns active memory
 * to where setup left it.
 */
class BenchmarkSetupTest {

    private static final Blackhole BLACKHOLE = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    @Test
    void matmulComputesTheProductOnAnOddSize() {
        MatmulBench bench = new MatmulBench();
        bench.n = 67; // not a multiple of any vector width or block size: exercises the tails
        bench.path = "blas";
        bench.setup();
        try (Array out = bench.product()) {
            assertThat(out.shape()).containsExactly(67, 67);
            assertThat(out.dtype()).isEqualTo(DType.FLOAT32);
            float[] a = BenchInputs.uniform(1, 67 * 67, -1f, 1f);
            float[] b = BenchInputs.uniform(2, 67 * 67, -1f, 1f);
            float[] actual = out.toFloatArray();
            for (int i = 0; i < 67; i++) {
                for (int j = 0; j < 67; j++) {
                    double expected = 0;
                    for (int k = 0; k < 67; k++) {
                        expected += (double) a[i * 67 + k] * b[k * 67 + j];
                    }
                    assertThat((double) actual[i * 67 + j]).as("out[%d][%d]", i, j).isCloseTo(expected, within(2e-5 * 67));
                }
            }
            bench.matmul(BLACKHOLE);
        } finally {
            bench.tearDown();
        }
    }

    @Test
    void matmulPathCannotChangeInsideOneJvm() {
        String before = System.getProperty(MatmulBench.BLAS_PROPERTY);
        MatmulBench.selectPath("blas");
        assertThatThrownBy(() -> MatmulBench.selectPath("vector"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("path=vector").hasMessageContaining("path=blas");
        assertThat(System.getProperty(MatmulBench.BLAS_PROPERTY)).isEqualTo(before);
        assertThatThrownBy(() -> MatmulBench.selectPath("cuda"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'cuda'");
    }

    @Test
    void elementwiseAddAndExpMulAddMatchFloat64Reference() {
        ElementwiseBench bench = new ElementwiseBench();
        bench.size = 4099; // odd: vector tails
        bench.setup();
        try {
            float[] a = BenchInputs.uniform(11, 4099, -1f, 1f);
            float[] b = BenchInputs.uniform(12, 4099, -1f, 1f);
            float[] c = BenchInputs.uniform(13, 4099, -1f, 1f);
            try (Array sum = bench.sum(); Array e = bench.expMulAdd()) {
                assertThat(sum.shape()).containsExactly(4099);
                assertThat(e.dtype()).isEqualTo(DType.FLOAT32);
                float[] s = sum.toFloatArray();
                float[] x = e.toFloatArray();
                for (int i = 0; i < 4099; i++) {
                    // A float32 sum is correctly rounded: it must equal the rounded float64 sum exactly.
                    assertThat(s[i]).as("sum[%d]", i).isEqualTo((float) ((double) a[i] + b[i]));
                    float abc = a[i] * b[i] + c[i]; // two float32 roundings, as two separate ops give
                    double expected = Math.exp(abc);
                    assertThat((double) x[i]).as("exp(a*b+c)[%d]", i).isCloseTo(expected, within(2e-6 * expected));
                }
            }
        } finally {
            bench.tearDown();
        }
    }

    @Test
    void elementwiseInvocationsLeaveActiveMemoryWhereSetupLeftIt() {
        ElementwiseBench bench = new ElementwiseBench();
        bench.size = 1 << 16;
        bench.setup();
        try {
            Memory.reclaim(); // arrays other tests left unreachable are freed now, not in the middle of the count
            long baseline = Memory.activeMemory();
            assertThat(baseline).as("the three inputs are live").isGreaterThanOrEqualTo(3L * 4 * (1 << 16));
            for (int i = 0; i < 4; i++) {
                bench.add(BLACKHOLE);
                bench.expMulAdd(BLACKHOLE);
                assertThat(Memory.activeMemory()).as("active memory after invocation %d", i).isLessThanOrEqualTo(baseline);
            }
        } finally {
            bench.tearDown();
        }
    }

    @Test
    void dispatchChainsMatchFloat64ReferenceAndEachOther() {
        DispatchBench bench = new DispatchBench();
        bench.size = 8;
        bench.setup();
        try {
            double[] x = toDouble(BenchInputs.uniform(21, 8, -1f, 1f));
            float[] b = BenchInputs.uniform(22, 8, -1f, 1f);
            float[] c = BenchInputs.uniform(23, 8, 0.25f, 0.75f);
            for (int step = 0; step < DispatchBench.OPS / 2; step++) {
                for (int i = 0; i < 8; i++) {
                    x[i] = x[i] * c[i] + b[i];
                }
            }
            Memory.reclaim(); // arrays other tests left unreachable are freed now, not in the middle of the count
            long baseline = Memory.activeMemory();
            try (Array lazy = bench.chainLazy(); Array eager = bench.chainEager()) {
                float[] l = lazy.toFloatArray();
                assertThat(eager.toFloatArray()).as("same ops in the same order").containsExactly(l);
                for (int i = 0; i < 8; i++) {
                    // The chain contracts (c <= 0.75), so rounding errors stay at a few ulps of |x| <= 4.
                    assertThat((double) l[i]).as("x[%d]", i).isCloseTo(x[i], within(1e-5));
                }
            }
            bench.chainOneEval(BLACKHOLE);
            bench.chainEvalEach(BLACKHOLE);
            assertThat(Memory.activeMemory()).as("all %d intermediates closed", DispatchBench.OPS).isLessThanOrEqualTo(baseline);
        } finally {
            bench.tearDown();
        }
    }

    @Test
    void inputsAreSeededAndInRange() {
        float[] x = BenchInputs.uniform(5, 10_000, 0.25f, 0.75f);
        assertThat(x).isEqualTo(BenchInputs.uniform(5, 10_000, 0.25f, 0.75f));
        assertThat(x).isNotEqualTo(BenchInputs.uniform(6, 10_000, 0.25f, 0.75f));
        for (float v : x) {
            assertThat(v).isBetween(0.25f, 0.75f);
        }
        assertThatThrownBy(() -> BenchInputs.uniform(1, 4, 1f, 1f)).isInstanceOf(IllegalArgumentException.class);
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
