package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.TestArrays.*;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.primitives.FastAttention;

/** The fused ops of {@link Fast} against plain float64 reference code, over dtypes, shapes and options. */
class FastOpsTest {
    private static final Random RNG = new Random(9);

    private static double rtolOf(DType t) { return t == DType.FLOAT32 ? 1e-4 : t == DType.FLOAT64 ? 1e-10 : 2 * rtol(t); }

    private static double atolOf(DType t) { return t == DType.FLOAT32 ? 1e-5 : t == DType.FLOAT64 ? 1e-10 : 2 * atol(t); }

    /** The reference result rounded to t (what an exact kernel would store). */
    private static void assertResult(Array got, DType t, int[] shape, double[] expected) {
        assertClose(got, t, shape, storedAs(t, expected), rtolOf(t), atolOf(t));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT16", "BFLOAT16", "FLOAT64"})
    void rmsNormMatchesReference(DType t) {
        for (int[] shape : new int[][] {{7}, {3, 5, 7}, {4, 130}, {2, 1, 64}}) {
            int d = shape[shape.length - 1];
            Sample x = sample(RNG, t, -2, 2, shape);
            Sample w = sample(RNG, t, 0.5, 1.5, d);
            assertResult(Fast.rmsNorm(x.array(), w.array(), 1e-5), t, shape, FastReference.rmsNorm(x.values(), d, w.values(), 1e-5));
            assertResult(Fast.rmsNorm(x.array(), null, 1e-3), t, shape, FastReference.rmsNorm(x.values(), d, null, 1e-3));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT16", "BFLOAT16", "FLOAT64"})
    void layerNormMatchesReference(DType t) {
        for (int[] shape : new int[][] {{9}, {3, 4, 33}, {5, 128}}) {
            int d = shape[shape.length - 1];
            Sample x = sample(RNG, t, -2, 3, shape);
            Sample w = sample(RNG, t, 0.5, 1.5, d), b = sample(RNG, t, -1, 1, d);
            assertResult(Fast.layerNorm(x.array(), w.array(), b.array(), 1e-5), t, shape,
                    FastReference.layerNorm(x.values(), d, w.values(), b.values(), 1e-5));
            assertResult(Fast.layerNorm(x.array(), null, b.array(), 1e-5), t, shape,
                    FastReference.layerNorm(x.values(), d, null, b.values(), 1e-5));
            assertResult(Fast.layerNorm(x.array(), w.array(), null, 1e-5), t, shape,
                    FastReference.layerNorm(x.values(), d, w.values(), null, 1e-5));
            assertResult(Fast.layerNorm(x.array(), null, null, 1e-5), t, shape,
                    FastReference.layerNorm(x.values(), d, null, null, 1e-5));
        }
    }

    @Test
    void normsPromoteParameterDtypes() {
        Sample x = sample(RNG, DType.FLOAT16, -1, 1, 2, 8);
        Sample w = sample(RNG, DType.FLOAT32, 0.5, 1.5, 8);
        Array y = Fast.rmsNorm(x.array(), w.array(), 1e-5);
        assertResult(y, DType.FLOAT32, x.shape(), FastReference.rmsNorm(x.values(), 8, w.values(), 1e-5));
        Array z = Fast.layerNorm(x.array(), null, w.array(), 1e-5);
        assertResult(z, DType.FLOAT32, x.shape(), FastReference.layerNorm(x.values(), 8, null, w.values(), 1e-5));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT16", "BFLOAT16", "FLOAT64"})
    void ropeMatchesReference(DType t) {
        for (boolean traditional : new boolean[] {false, true}) {
            for (int[] shape : new int[][] {{2, 3, 5, 16}, {1, 7, 64}, {2, 2, 2, 3, 12}}) {
                int d = shape[shape.length - 1];
                for (int dims : new int[] {d, d / 2 + (d / 2) % 2}) {
                    Sample x = sample(RNG, t, -1, 1, shape);
                    double scale = 0.5 + RNG.nextDouble();
                    int offset = RNG.nextInt(40);
                    double[] inv = FastReference.inverseFrequencies(10000, dims);
                    double[] expected = FastReference.rope(x.values(), shape, new long[] {offset}, dims, traditional, inv, scale);
                    assertResult(Fast.rope(x.array(), dims, traditional, 10000, scale, offset), t, shape, expected);
                }
            }
        }
    }

    @Test
    void ropeTakesArrayOffsetsAndCustomFrequencies() {
        int[] shape = {3, 2, 6, 8};
        Sample x = sample64(RNG, -1, 1, shape);
        long[] offsets = {0, 5, 17};
        Array perBatch = Mx.array(new int[] {0, 5, 17}, 3);
        double[] inv = FastReference.inverseFrequencies(500, 8);
        assertResult(Fast.rope(x.array(), 8, false, 500, 1.0, perBatch), DType.FLOAT64, shape,
                FastReference.rope(x.values(), shape, offsets, 8, false, inv, 1.0));
        assertResult(Fast.rope(x.array(), 8, true, 500, 2.0, Mx.array(4)), DType.FLOAT64, shape,
                FastReference.rope(x.values(), shape, new long[] {4}, 8, true, inv, 2.0));
        double[] freqs = uniform(RNG, 3, 1, 50);
        double[] invCustom = new double[3];
        for (int i = 0; i < 3; i++) invCustom[i] = 1 / freqs[i];
        Array f = f64(freqs, 3);
        assertResult(Fast.rope(x.array(), 6, false, f, 1.5, 3), DType.FLOAT64, shape,
                FastReference.rope(x.values(), shape, new long[] {3}, 6, false, invCustom, 1.5));
        assertResult(Fast.rope(x.array(), 6, true, f, 1.0, perBatch), DType.FLOAT64, shape,
                FastReference.rope(x.values(), shape, offsets, 6, true, invCustom, 1.0));
    }

    /** One attention case: shapes, options, inputs of dtype t, checked against the reference. */
    private static void checkAttention(DType t, int b, int hq, int hkv, int l, int s, int d, int dv, String mode,
                                       int[] maskShape, boolean sinks) {
        Sample q = sample(RNG, t, -1, 1, b, hq, l, d), k = sample(RNG, t, -1, 1, b, hkv, s, d);
        Sample v = sample(RNG, t, -1, 1, b, hkv, s, dv);
        double scale = 1 / Math.sqrt(d);
        Sample sk = sinks ? sample(RNG, t, -1, 1, hq) : null;
        double[] full = null;
        boolean boolMask = "bool".equals(mode);
        Array result;
        if (boolMask || "additive".equals(mode)) {
            Sample m = boolMask ? sample(RNG, DType.BOOL, 0, 1, maskShape) : sample(RNG, t, -2, 1, maskShape);
            full = broadcastRef(m.values(), maskShape, new int[] {b, hq, l, s});
            result = Fast.scaledDotProductAttention(q.array(), k.array(), v.array(), scale, m.array(), sk == null ? null : sk.array());
        } else {
            result = Fast.scaledDotProductAttention(q.array(), k.array(), v.array(), scale, mode, sk == null ? null : sk.array());
        }
        double[] expected = FastReference.attention(q.values(), k.values(), v.values(), b, hq, hkv, l, s, d, dv, scale,
                "causal".equals(mode), full, boolMask, sk == null ? null : sk.values(), FastAttention.lowest(t));
        assertResult(result, t, new int[] {b, hq, l, dv}, expected);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT16", "BFLOAT16", "FLOAT64"})
    void attentionMatchesReference(DType t) {
        checkAttention(t, 2, 4, 4, 3, 5, 8, 8, null, null, false);
        checkAttention(t, 1, 8, 2, 1, 70, 64, 64, null, null, false);        // decode, GQA, two key blocks
        checkAttention(t, 1, 4, 1, 20, 20, 16, 24, "causal", null, false);  // prefill, two query blocks, Dv != D
        checkAttention(t, 2, 6, 3, 5, 9, 8, 8, "causal", null, false);      // causal aligned to the end of the keys
        checkAttention(t, 1, 2, 2, 9, 4, 8, 8, "causal", null, false);      // more queries than keys: early rows see none
        checkAttention(t, 2, 4, 2, 3, 7, 8, 8, "bool", new int[] {3, 7}, false);
        checkAttention(t, 2, 4, 2, 3, 7, 8, 8, "additive", new int[] {2, 4, 3, 7}, false);
        checkAttention(t, 2, 4, 2, 3, 7, 8, 8, "additive", new int[] {4, 1, 7}, true);
        checkAttention(t, 1, 4, 2, 6, 6, 8, 8, "causal", null, true);
    }

    @Test
    void attentionPromotesAndMasksAllKeysAsMlx() {
        Sample q = sample(RNG, DType.FLOAT16, -1, 1, 1, 2, 2, 4), k = sample(RNG, DType.FLOAT32, -1, 1, 1, 2, 3, 4);
        Sample v = sample(RNG, DType.FLOAT32, -1, 1, 1, 2, 3, 4);
        Array none = Mx.array(new boolean[6], 2, 3);
        Array out = Fast.scaledDotProductAttention(q.array(), k.array(), v.array(), 0.5, none);
        double[] expected = new double[16];
        for (int h = 0; h < 2; h++) {
            for (int i = 0; i < 2; i++) {
                for (int e = 0; e < 4; e++) {
                    double mean = 0;
                    for (int j = 0; j < 3; j++) mean += v.values()[(h * 3 + j) * 4 + e] / 3;
                    expected[(h * 2 + i) * 4 + e] = mean;
                }
            }
        }
        assertResult(out, DType.FLOAT32, new int[] {1, 2, 2, 4}, expected);
    }

    @Test
    void fusedAgreesWithTheFallback() {
        Sample x = sample64(RNG, -1, 1, 2, 3, 4, 8), w = sample64(RNG, 0.5, 1.5, 8);
        var rms = new org.mlx4j.core.primitives.FastRmsNorm(1e-5);
        assertThat(Fast.rmsNorm(x.array(), w.array(), 1e-5).toDoubleArray())
                .containsExactly(rms.fallback(List.of(x.array(), w.array())).toDoubleArray(), org.assertj.core.api.Assertions.within(1e-12));
        var rope = new org.mlx4j.core.primitives.FastRope(6, true, 100, 0.5, true, false);
        assertThat(Fast.rope(x.array(), 6, true, 100, 0.5, 3).toDoubleArray())
                .containsExactly(rope.fallback(List.of(x.array(), Mx.array(3))).toDoubleArray(), org.assertj.core.api.Assertions.within(1e-12));
    }

    /**
     * A prefill-sized fallback: its grouped-head product copies the broadcast keys with every thread, into
     * matmul's operand scratch.
     */
    @Test
    void fusedAgreesWithTheFallbackAtPrefillSize() {
        Array q = sample(RNG, DType.FLOAT32, -1, 1, 1, 8, 256, 64).array();
        Array k = sample(RNG, DType.FLOAT32, -1, 1, 1, 2, 256, 64).array(), v = sample(RNG, DType.FLOAT32, -1, 1, 1, 2, 256, 64).array();
        var p = new FastAttention(0.125, true, false, false);
        assertThat(Fast.scaledDotProductAttention(q, k, v, 0.125, "causal").toDoubleArray())
                .containsExactly(p.fallback(List.of(q, k, v)).toDoubleArray(), org.assertj.core.api.Assertions.within(1e-5));
    }

    @Test
    void badInputNamesTheOpAndWhatIsValid() {
        Array x = Mx.ones(2, 3, 4, 8);
        assertFailsWith(() -> Fast.rmsNorm(Mx.array(new int[] {1, 2}, 2), null, 1e-5), "rms_norm", "x", "int32");
        assertFailsWith(() -> Fast.rmsNorm(x, Mx.ones(4), 1e-5), "rms_norm", "weight", "(8,)", "(4,)");
        assertFailsWith(() -> Fast.layerNorm(x, null, Mx.ones(2, 8), 1e-5), "layer_norm", "bias", "(8,)");
        assertFailsWith(() -> Fast.rope(Mx.ones(4, 8), 8, false, 10000, 1, 0), "rope", "at least 3 dimensions", "(4, 8)");
        assertFailsWith(() -> Fast.rope(x, 5, false, 10000, 1, 0), "rope", "dims", "even", "5");
        assertFailsWith(() -> Fast.rope(x, 10, false, 10000, 1, 0), "rope", "dims", "10");
        assertFailsWith(() -> Fast.rope(x, 8, false, 10000, 1, Mx.array(1f)), "rope", "offset", "integer", "float32");
        assertFailsWith(() -> Fast.rope(x, 8, false, 10000, 1, Mx.array(new int[] {1, 2, 3}, 3)), "rope", "offset", "(2,)", "(3,)");
        assertFailsWith(() -> Fast.rope(x, 8, false, Mx.ones(3), 1, 0), "rope", "freqs", "4", "(3,)");
        Array q = Mx.ones(1, 4, 2, 8), kv = Mx.ones(1, 3, 5, 8);
        assertFailsWith(() -> Fast.scaledDotProductAttention(q, kv, kv, 1), "scaled_dot_product_attention", "multiple", "4", "3");
        assertFailsWith(() -> Fast.scaledDotProductAttention(Mx.ones(4, 2, 8), kv, kv, 1), "scaled_dot_product_attention", "rank 4", "(4, 2, 8)");
        Array k2 = Mx.ones(1, 2, 5, 8);
        assertFailsWith(() -> Fast.scaledDotProductAttention(q, Mx.ones(1, 2, 5, 4), k2, 1), "scaled_dot_product_attention", "do not agree");
        assertFailsWith(() -> Fast.scaledDotProductAttention(q, k2, k2, 1, "window"), "scaled_dot_product_attention", "causal", "window");
        assertFailsWith(() -> Fast.scaledDotProductAttention(q, k2, k2, 1, Mx.ones(3, 5)), "scaled_dot_product_attention", "mask", "(3, 5)", "(1, 4, 2, 5)");
        assertFailsWith(() -> Fast.scaledDotProductAttention(q, k2, k2, 1, Mx.ones(new int[] {2, 5}, DType.FLOAT64)),
                "scaled_dot_product_attention", "mask", "float64", "float32");
        assertFailsWith(() -> Fast.scaledDotProductAttention(q, k2, k2, 1, (String) null, Mx.ones(2)), "scaled_dot_product_attention", "sinks", "(4,)");
        assertFailsWith(() -> Fast.scaledDotProductAttention(Mx.array(new int[8], 1, 1, 1, 8), k2, k2, 1), "scaled_dot_product_attention", "q", "int32");
    }
}
