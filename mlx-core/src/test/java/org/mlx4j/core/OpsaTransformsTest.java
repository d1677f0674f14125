package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.TestArrays.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The op-surface ops under the transformations: jvp against central differences and against the vjp
 * (transposition), vjp against finite differences, vmap against a loop over the batch.
 */
class OpsaTransformsTest {
    private final Random rng = new Random(903);

    /** One-argument cases: a name and the function, at a FLOAT64 input of the given shape. */
    private record Case(String name, Function<Array, Array> f, int... shape) {}

    private static List<Case> cases() {
        return List.of(
                new Case("tril", a -> Mx.tril(a, -1), 3, 4),
                new Case("triu", a -> Mx.triu(a, 1), 2, 3, 3),
                new Case("flip", a -> Mx.flip(a, 0, 1), 3, 4),
                new Case("roll", a -> Mx.roll(a, -5, 1), 2, 4),
                new Case("repeat", a -> Mx.repeat(a, 3, 0), 2, 3),
                new Case("tile", a -> Mx.tile(a, 2, 1, 3), 2, 3),
                new Case("pad constant", a -> Mx.pad(a, new int[][] {{1, 2}, {0, 1}}, "constant", 3.0), 2, 3),
                new Case("pad edge", a -> Mx.pad(a, new int[][] {{2, 1}, {3, 0}}, "edge", 0), 2, 3),
                new Case("pad reflect", a -> Mx.pad(a, new int[][] {{3, 4}, {1, 2}}, "reflect", 0), 3, 3),
                new Case("pad symmetric", a -> Mx.pad(a, new int[][] {{4, 1}, {2, 2}}, "symmetric", 0), 2, 3),
                new Case("diagonal", a -> Mx.diagonal(a, 1, 2, 0), 3, 2, 4),
                new Case("diag vector", a -> Mx.diag(a, -2), 3),
                new Case("diag matrix", a -> Mx.diag(a, 1), 4, 3),
                new Case("trace", a -> Mx.trace(a, 0, 0, 1, null), 3, 3, 2),
                new Case("asStrided", a -> Mx.asStrided(a, new int[] {3, 3}, new long[] {2, 1}, 1), 2, 4),
                new Case("median", a -> Mx.median(a, 1), 3, 5),
                new Case("median even", a -> Mx.median(a, 0), 4, 2),
                new Case("diff", a -> Mx.diff(a, 2, 1), 3, 5),
                new Case("flatten", a -> Mx.flatten(a, 1, 2), 2, 3, 2),
                new Case("unflatten", a -> Mx.unflatten(a, 1, 2, -1), 2, 6),
                new Case("unstack", a -> Mx.unstack(a, 1).get(2), 2, 3, 2),
                new Case("atleast3d", a -> Mx.atleast3d(a), 5),
                new Case("nanToNum", a -> Mx.nanToNum(Mx.multiply(a, 3.0)), 4),
                new Case("dynamic slice", a -> Mx.slice(a, Mx.array(new int[] {1, 2}), new int[] {0, 1}, new int[] {2, 2}), 3, 5),
                new Case("dynamic slice update", a -> Mx.sliceUpdate(a, Mx.multiply(Mx.slice(a, new int[] {0, 0}, new int[] {1, 2}, null), a.get("1:2, 3:5")),
                        Mx.array(new int[] {2, 1}), new int[] {0, 1}), 3, 5),
                new Case("contiguous", a -> Mx.contiguous(Mx.transpose(a)), 2, 3),
                new Case("flip all", a -> Mx.flip(a), 2, 3),
                new Case("roll flat", a -> Mx.roll(a, 4), 2, 3),
                new Case("roll axes", a -> Mx.roll(a, new int[] {1, -1}, new int[] {0, 1}), 3, 2),
                new Case("repeat flat", a -> Mx.repeat(a, 2), 2, 2),
                new Case("diagonal default", Mx::diagonal, 3, 4, 2),
                new Case("median keepdims", a -> Mx.median(a, new int[] {0, 2}, true), 3, 2, 3),
                new Case("meshgrid", a -> Mx.add(Mx.meshgrid(a, Mx.square(a)).get(0), Mx.meshgrid(a, Mx.square(a)).get(1)), 4),
                new Case("broadcastArrays", a -> Mx.broadcastArrays(a, Mx.ones(2, 1, 1)).get(0), 3, 4),
                new Case("tril of a batch", a -> Mx.tril(Mx.exp(a)), 2, 3, 3));
    }

    @Test
    void jvpMatchesFiniteDifferencesAndTheVjp() {
        for (Case c : cases()) {
            Sample x = GradientChecks.distinct64(rng, 0.3, c.shape());
            try {
                JvpChecks.check(args -> List.of(c.f().apply(args.get(0))), rng, x);
            } catch (AssertionError e) {
                throw new AssertionError(c.name() + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void vjpMatchesFiniteDifferences() {
        for (Case c : cases()) {
            Sample x = GradientChecks.distinct64(rng, 0.3, c.shape());
            try {
                GradientChecks.checkUnaryVjp(c.f(), rng, x);
            } catch (AssertionError e) {
                throw new AssertionError(c.name() + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void vmapMatchesALoop() {
        int batch = 3;
        for (Case c : cases()) {
            int[] batched = new int[c.shape().length + 1];
            batched[0] = batch;
            System.arraycopy(c.shape(), 0, batched, 1, c.shape().length);
            Sample xs = GradientChecks.distinct64(rng, 0.3, batched);
            for (int axis : new int[] {0, batched.length - 1}) {
                Array in = Mx.moveAxis(xs.array(), 0, axis);
                Array got = Mx.vmap(c.f(), axis, 0).apply(in);
                List<Array> loop = new ArrayList<>();
                for (int b = 0; b < batch; b++) loop.add(c.f().apply(Mx.take(in, Mx.array(b), axis)));
                Array want = Mx.stack(loop, 0);
                assertThat(got.shape()).as("%s vmap over axis %d: shape", c.name(), axis).containsExactly(want.shape());
                assertAllClose(got.toDoubleArray(), want.toDoubleArray(), 0, 0);
            }
        }
    }

    @Test
    void dynamicSliceUpdateDifferentiatesBothOperands() {
        Sample src = sample64(rng, -1, 1, 4, 3), upd = sample64(rng, -1, 1, 2, 3);
        Fn f = args -> List.of(Mx.sin(Mx.sliceUpdate(args.get(0), Mx.square(args.get(1)), Mx.array(new int[] {1}), new int[] {0})));
        GradientChecks.checkVjp(f, rng, src, upd);
        JvpChecks.check(f, rng, src, upd);
    }

    @Test
    void padDifferentiatesTheConstantToo() {
        Sample x = sample64(rng, -1, 1, 2, 3), c = sample64(rng, -1, 1);
        Fn f = args -> List.of(Mx.square(Mx.pad(args.get(0), new int[][] {{1, 0}, {2, 1}}, "constant", args.get(1))));
        GradientChecks.checkVjp(f, rng, x, c);
        JvpChecks.check(f, rng, x, c);
        assertFailsWith(() -> Mx.pad(Mx.ones(2), new int[][] {{1, 1}}, "constant", Mx.ones(1)), "pad", "0-d", "(1,)");
    }

    @Test
    void dynamicSliceWithABatchOfStarts() {
        Array a = Mx.arange(0, 20, 1, DType.FLOAT64).reshape(4, 5);
        Array starts = Mx.array(new int[] {0, 1, 3});
        Array got = Mx.vmap(s -> Mx.slice(a, s, new int[] {1}, new int[] {4, 2}), 0, 0).apply(starts);
        List<Array> loop = new ArrayList<>();
        for (int s : new int[] {0, 1, 3}) loop.add(Mx.slice(a, new int[] {0, s}, new int[] {4, s + 2}, null));
        assertAllClose(got.toDoubleArray(), Mx.stack(loop, 0).toDoubleArray(), 0, 0);
    }
}
