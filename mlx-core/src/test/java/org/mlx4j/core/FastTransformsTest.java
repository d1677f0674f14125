package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlx4j.core.TestArrays.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Derivatives and batching of the fused ops of {@link Fast}: vjp against central differences, jvp against
 * central differences and against the vjp (transposition), vmap against a loop over the examples, and the
 * ops under compile.
 */
class FastTransformsTest {
    private static final Random RNG = new Random(90);

    @Test
    void rmsNormDerivatives() {
        Sample x = sample64(RNG, -2, 2, 3, 6), w = sample64(RNG, 0.5, 1.5, 6);
        Fn f = a -> List.of(Fast.rmsNorm(a.get(0), a.get(1), 1e-3));
        GradientChecks.checkVjp(f, RNG, x, w);
        JvpChecks.check(f, RNG, x, w);
        GradientChecks.checkUnaryVjp(a -> Fast.rmsNorm(a, null, 1e-3), RNG, x);
    }

    @Test
    void layerNormDerivatives() {
        Sample x = sample64(RNG, -2, 2, 2, 3, 5), w = sample64(RNG, 0.5, 1.5, 5), b = sample64(RNG, -1, 1, 5);
        Fn f = a -> List.of(Fast.layerNorm(a.get(0), a.get(1), a.get(2), 1e-3));
        GradientChecks.checkVjp(f, RNG, x, w, b);
        JvpChecks.check(f, RNG, x, w, b);
        Fn noWeight = a -> List.of(Fast.layerNorm(a.get(0), null, a.get(1), 1e-3));
        GradientChecks.checkVjp(noWeight, RNG, x, b);
    }

    @Test
    void ropeDerivatives() {
        Sample x = sample64(RNG, -1, 1, 2, 3, 4, 8);
        for (boolean traditional : new boolean[] {false, true}) {
            Fn f = a -> List.of(Fast.rope(a.get(0), 6, traditional, 10000, 0.7, 5));
            GradientChecks.checkVjp(f, RNG, x);
            JvpChecks.check(f, RNG, x);
        }
        Sample freqs = sample64(RNG, 1, 4, 3);
        Fn custom = a -> List.of(Fast.rope(a.get(0), 6, false, a.get(1), 1.0, Mx.array(new int[] {2, 7}, 2)));
        GradientChecks.checkVjp(custom, RNG, x, freqs);
        JvpChecks.check(custom, RNG, x, freqs);
    }

    @Test
    void attentionDerivatives() {
        Sample q = sample64(RNG, -1, 1, 1, 4, 3, 4), k = sample64(RNG, -1, 1, 1, 2, 5, 4), v = sample64(RNG, -1, 1, 1, 2, 5, 3);
        Fn plain = a -> List.of(Fast.scaledDotProductAttention(a.get(0), a.get(1), a.get(2), 0.5));
        GradientChecks.checkVjp(plain, RNG, q, k, v);
        JvpChecks.check(plain, RNG, q, k, v);
        Sample sinks = sample64(RNG, -1, 1, 4);
        Fn causal = a -> List.of(Fast.scaledDotProductAttention(a.get(0), a.get(1), a.get(2), 0.5, "causal", a.get(3)));
        GradientChecks.checkVjp(causal, RNG, q, k, v, sinks);
        JvpChecks.check(causal, RNG, q, k, v, sinks);
        Sample mask = sample64(RNG, -1, 1, 3, 5);
        Fn additive = a -> List.of(Fast.scaledDotProductAttention(a.get(0), a.get(1), a.get(2), 0.5, a.get(3)));
        GradientChecks.checkVjp(additive, RNG, q, k, v, mask);
        JvpChecks.check(additive, RNG, q, k, v, mask);
        Array keep = sample(RNG, DType.BOOL, 0, 1, 1, 4, 3, 5).array();
        Fn bool = a -> List.of(Fast.scaledDotProductAttention(a.get(0), a.get(1), a.get(2), 0.5, keep));
        GradientChecks.checkVjp(bool, RNG, q, k, v);
    }

    @Test
    void secondDerivativeOfRmsNorm() {
        Sample x = sample64(RNG, -2, 2, 2, 4);
        Fn gradOfSum = a -> Mx.grad(b -> List.of(Mx.sum(Mx.square(Fast.rmsNorm(b.get(0), null, 1e-2)))), new int[] {0}).apply(a);
        GradientChecks.checkVjp(gradOfSum, RNG, x);
    }

    /** f applied to example b of every mapped argument, stacked. */
    private static Array loop(Fn f, List<Array> args, boolean[] mapped, int batch) {
        List<Array> outs = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            List<Array> slice = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) slice.add(mapped[i] ? Mx.take(args.get(i), Mx.array(b), 0) : args.get(i));
            outs.add(f.apply(slice).get(0));
        }
        return Mx.stack(outs, 0);
    }

    private static void checkVmap(Fn f, List<Array> args, boolean... mapped) {
        int[] axes = new int[args.size()];
        int batch = 0;
        for (int i = 0; i < axes.length; i++) {
            axes[i] = mapped[i] ? 0 : Mx.UNMAPPED;
            if (mapped[i]) batch = args.get(i).shape(0);
        }
        Array got = Mx.vmap(f, axes, new int[] {0}).apply(args).get(0);
        Array expected = loop(f, args, mapped, batch);
        assertThat(got.shape()).containsExactly(expected.shape());
        assertThat(got.dtype()).isEqualTo(expected.dtype());
        assertThat(got.toDoubleArray()).containsExactly(expected.toDoubleArray(), within(1e-10));
    }

    @Test
    void vmapMatchesALoop() {
        Array x = sample64(RNG, -1, 1, 3, 2, 5).array(), w = sample64(RNG, 0.5, 1.5, 5).array();
        Array ws = sample64(RNG, 0.5, 1.5, 3, 5).array();
        Fn rms = a -> List.of(Fast.rmsNorm(a.get(0), a.get(1), 1e-5));
        checkVmap(rms, List.of(x, w), true, false);
        checkVmap(rms, List.of(x, ws), true, true);
        Fn layer = a -> List.of(Fast.layerNorm(a.get(0), null, a.get(1), 1e-5));
        checkVmap(layer, List.of(x, w), true, false);
        checkVmap(layer, List.of(x.get(0), ws), false, true);

        Array r = sample64(RNG, -1, 1, 3, 2, 4, 6).array();
        checkVmap(a -> List.of(Fast.rope(a.get(0), 6, true, 100, 1, 3)), List.of(r), true);
        Fn arrayOffset = a -> List.of(Fast.rope(a.get(0), 4, false, 100, 1, a.get(1)));
        checkVmap(arrayOffset, List.of(r, Mx.array(new int[] {1, 4, 9}, 3)), true, true);
        checkVmap(arrayOffset, List.of(r, Mx.array(new int[] {3, 5}, 2)), true, false);

        Array q = sample64(RNG, -1, 1, 2, 1, 4, 3, 8).array(), k = sample64(RNG, -1, 1, 2, 1, 2, 6, 8).array();
        Array v = sample64(RNG, -1, 1, 2, 1, 2, 6, 8).array(), m = sample64(RNG, -1, 1, 2, 3, 6).array();
        Fn causal = a -> List.of(Fast.scaledDotProductAttention(a.get(0), a.get(1), a.get(2), 0.3, "causal"));
        checkVmap(causal, List.of(q, k, v), true, true, true);
        checkVmap(causal, List.of(q, k.get(0), v.get(0)), true, false, false);
        Fn masked = a -> List.of(Fast.scaledDotProductAttention(a.get(0), a.get(1), a.get(2), 0.3, a.get(3)));
        checkVmap(masked, List.of(q, k, v, m), true, true, true, true);
        checkVmap(masked, List.of(q, k, v, m.get(0)), true, true, true, false);
        Fn sinks = a -> List.of(Fast.scaledDotProductAttention(a.get(0), a.get(1), a.get(2), 0.3, (String) null, a.get(3)));
        checkVmap(sinks, List.of(q, k, v, sample64(RNG, -1, 1, 2, 4).array()), true, true, true, true);
        checkVmap(sinks, List.of(q, k, v, sample64(RNG, -1, 1, 4).array()), true, true, true, false);
    }

    @Test
    void compiledDecodeStepMatchesEager() {
        Array x = sample(RNG, DType.FLOAT32, -1, 1, 1, 4, 1, 16).array(), w = sample(RNG, DType.FLOAT32, 0.5, 1.5, 16).array();
        Array k = sample(RNG, DType.FLOAT32, -1, 1, 1, 2, 9, 16).array(), v = sample(RNG, DType.FLOAT32, -1, 1, 1, 2, 9, 16).array();
        Fn step = a -> {
            Array h = Fast.rmsNorm(a.get(0), a.get(1), 1e-5);
            Array q = Fast.rope(h, 16, false, 10000, 1, a.get(4));
            return List.of(Fast.scaledDotProductAttention(q, a.get(2), a.get(3), 0.25, "causal"));
        };
        Fn compiled = Mx.compile(step);
        for (int offset : new int[] {8, 3}) {
            List<Array> args = List.of(x, w, k, v, Mx.array(offset));
            assertThat(compiled.apply(args).get(0).toDoubleArray())
                    .containsExactly(step.apply(args).get(0).toDoubleArray(), within(1e-6));
        }
    }
}
