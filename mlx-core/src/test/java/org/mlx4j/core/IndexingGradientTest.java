package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.GradientChecks.*;
import static org.mlx4j.core.TestArrays.*;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlx4j.core.graph.ScatterOp;

/**
 * Gradients through the gather/scatter family (Take, Gather, Scatter, TakeAlongAxis, PutAlongAxis),
 * checked against central finite differences in FLOAT64; repeated indices must accumulate.
 */
class IndexingGradientTest {

    @ParameterizedTest(name = "take along axis {0}")
    @ValueSource(ints = {0, 1, 2, -1})
    void takeGradientAccumulatesRepeatedAndNegativeIndices(int axis) {
        Random rng = new Random(200 + axis);
        Sample x = sample64(rng, -2, 2, 3, 4, 5);
        int n = x.shape()[axis < 0 ? axis + 3 : axis];
        Array idx = Mx.array(new int[] {1, -1, 1, 0, n - 1, 1}, 2, 3);
        checkUnaryVjp(a -> Mx.take(a, idx, axis), rng, x);
    }

    @Test
    void takeFromTheFlattenedArrayGradient() {
        Random rng = new Random(205);
        Sample x = sample64(rng, -2, 2, 3, 4);
        Array idx = Mx.array(new int[] {11, 0, 5, 5, 11, 7, 5});
        checkUnaryVjp(a -> Mx.take(a, idx), rng, x);
    }

    @Test
    void gatherGradientScattersSlicesBackAndAddsRepeatedPairs() {
        Random rng = new Random(206);
        Sample x = sample64(rng, -2, 2, 4, 3, 5);
        // index pairs over axes 0 and 2 (two of them repeated), slices of 2 along axis 1
        List<Array> indices = List.of(Mx.array(new int[] {3, 0, 3, 1, 3}), Mx.array(new int[] {2, 4, 2, 0, 2}));
        Fn f = a -> List.of(Mx.gather(a.get(0), indices, new int[] {0, 2}, new int[] {1, 2, 1}));
        assertThat(f.apply(List.of(x.array())).get(0).shape()).containsExactly(5, 1, 2, 1);
        checkVjp(f, rng, x);
    }

    @Test
    void advancedIndexingGradientMatchesFiniteDifferences() {
        Random rng = new Random(207);
        Sample x = sample64(rng, -2, 2, 4, 3, 5);
        Array rows = Mx.array(new int[] {0, 3, 0, -1}), cols = Mx.array(new int[] {4, 1, 4, 2});
        checkUnaryVjp(a -> a.get(rows, Slice.of(1, null, 1), cols), rng, x);
        Array mask = Mx.array(new boolean[] {true, false, true, true});
        checkUnaryVjp(a -> a.get(mask), rng, x);
    }

    @Test
    void scatterSetGradientZeroesOverwrittenElementsAndGathersForUpdates() {
        Random rng = new Random(208);
        Sample dst = sample64(rng, -2, 2, 5, 3);
        Sample upd = sample64(rng, -2, 2, 3, 1, 3);
        Array idx = Mx.array(new int[] {4, 1, 2}); // distinct: a repeated SET has no derivative to compare with
        checkVjp(a -> List.of(Mx.scatter(a.get(0), a.get(1), List.of(idx), new int[] {0}, ScatterOp.SET)), rng, dst, upd);
    }

    @Test
    void scatterAddGradientPassesThroughAndGathersRepeatedIndices() {
        Random rng = new Random(209);
        Sample dst = sample64(rng, -2, 2, 4, 3);
        Sample upd = sample64(rng, -2, 2, 6, 4, 1);
        Array idx = Mx.array(new int[] {2, 0, 2, 2, 1, 0});
        // multiply the result so that the cotangent reaching the scatter differs per element
        Array w = f64(uniform(rng, 12, -1, 1), 4, 3);
        checkVjp(a -> List.of(Mx.scatter(a.get(0), a.get(1), List.of(idx), new int[] {1}, ScatterOp.ADD).multiply(w)),
                rng, dst, upd);
    }

    @Test
    void atAddAndSetThroughIndexingSyntaxHaveGradients() {
        Random rng = new Random(210);
        Sample x = sample64(rng, -2, 2, 5, 2);
        Sample u = sample64(rng, -2, 2, 4, 2);
        Array idx = Mx.array(new int[] {3, 3, 0, 3});
        checkVjp(a -> List.of(a.get(0).at(idx).add(a.get(1)).square()), rng, x, u);
        Sample v = sample64(rng, -2, 2, 2, 2);
        Array distinct = Mx.array(new int[] {4, 1});
        checkVjp(a -> List.of(a.get(0).at(distinct).set(a.get(1)).square()), rng, x, v);
    }

    @ParameterizedTest(name = "takeAlongAxis along axis {0}")
    @ValueSource(ints = {0, 1, -1})
    void takeAlongAxisGradientAccumulatesRepeatedIndices(int axis) {
        Random rng = new Random(211 + axis);
        Sample x = sample64(rng, -2, 2, 3, 4);
        int ax = axis < 0 ? axis + 2 : axis;
        int n = x.shape()[ax];
        int[] ishape = ax == 0 ? shape(5, 4) : shape(3, 6);
        int[] idx = new int[size(ishape)];
        for (int i = 0; i < idx.length; i++) idx[i] = i % 3 == 0 ? 0 : rng.nextInt(n);
        Array indices = Mx.array(idx, ishape);
        checkUnaryVjp(a -> Mx.takeAlongAxis(a, indices, axis), rng, x);
        // indices broadcast along the other axis
        Array row = Mx.array(new int[] {n - 1, 0, n - 1}, ax == 0 ? shape(3, 1) : shape(1, 3));
        checkUnaryVjp(a -> Mx.takeAlongAxis(a, row, axis), rng, x);
    }

    @Test
    void putAlongAxisSetGradient() {
        Random rng = new Random(214);
        Sample a = sample64(rng, -2, 2, 3, 5);
        Sample v = sample64(rng, -2, 2, 3, 2);
        Array idx = Mx.array(new int[] {4, 0, 1, 3, 2, 4}, 3, 2); // distinct within each row
        checkVjp(x -> List.of(Mx.putAlongAxis(x.get(0), idx, x.get(1), 1)), rng, a, v);
        // values broadcast along the indexed axis: their gradient sums over it
        Sample col = sample64(rng, -2, 2, 3, 1);
        checkVjp(x -> List.of(Mx.putAlongAxis(x.get(0), idx, x.get(1), 1)), rng, a, col);
    }

    @Test
    void putAlongAxisAddGradientWithRepeatedIndices() {
        Random rng = new Random(215);
        Sample a = sample64(rng, -2, 2, 4, 3);
        Sample v = sample64(rng, -2, 2, 6, 3);
        Array idx = Mx.array(new int[] {3, 0, 3, 3, 3, 1, 0, 2, 0, 3, 1, 3, 0, 0, 0, 2, 3, 1}, 6, 3);
        checkVjp(x -> List.of(Mx.putAlongAxis(x.get(0), idx, x.get(1), 0, ScatterOp.ADD).square()), rng, a, v);
    }

    @Test
    void embeddingGradientAccumulatesRowsTakenSeveralTimes() {
        Random rng = new Random(216);
        int vocab = 6, dims = 4;
        int[] ids = {3, 1, 3, 3, 0, 1, 5, 3};
        Sample w = sample(rng, DType.FLOAT32, -1, 1, vocab, dims);
        Sample c = sample(rng, DType.FLOAT32, -1, 1, 2, 4, dims);
        Array tokens = Mx.array(ids, 2, 4);
        double[] expected = new double[vocab * dims];
        for (int p = 0; p < ids.length; p++) for (int d = 0; d < dims; d++) expected[ids[p] * dims + d] += c.values()[p * dims + d];

        Array viaTake = Mx.grad((Array weight) -> Mx.take(weight, tokens, 0).multiply(c.array()).sum()).apply(w.array());
        assertClose(viaTake, DType.FLOAT32, shape(vocab, dims), expected);
        Array viaIndexing = Mx.grad((Array weight) -> weight.get(tokens).multiply(c.array()).sum()).apply(w.array());
        assertClose(viaIndexing, DType.FLOAT32, shape(vocab, dims), expected);
        // rows 2 and 4 are never looked up: exactly zero
        for (int row : new int[] {2, 4}) {
            assertThat(java.util.Arrays.copyOfRange(viaTake.toDoubleArray(), row * dims, row * dims + dims)).containsOnly(0.0);
        }
    }
}
