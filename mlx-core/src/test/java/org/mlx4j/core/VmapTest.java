package org.mlx4j.core;

import static org.assertj.core.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** vmap against the same function applied to each example and stacked. */
class VmapTest {
    private static final Random RNG = new Random(21);

    private static Array random(int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = RNG.nextGaussian();
        return Mx.array(v, DType.FLOAT64, shape);
    }

    /** f applied to slice b of every mapped argument (along its in-axis), stacked along outAxis. */
    private static Array loop(Fn f, List<Array> args, int[] inAxes, int outAxis, int batch) {
        List<Array> outs = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            List<Array> slice = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                slice.add(inAxes[i] == Mx.UNMAPPED ? args.get(i) : Mx.take(args.get(i), Mx.array(b), inAxes[i]));
            }
            outs.add(f.apply(slice).get(0));
        }
        return Mx.stack(outs, outAxis);
    }

    private static void assertSame(Array got, Array expected) {
        assertThat(got.shape()).containsExactly(expected.shape());
        assertThat(got.dtype()).isEqualTo(expected.dtype());
        assertThat(got.toDoubleArray()).containsExactly(expected.toDoubleArray(), within(1e-10));
    }

    @Test
    void elementwiseReductionsAndShapesMatchAPerExampleLoop() {
        Fn f = a -> List.of(a.get(0).exp().multiply(a.get(1)).sum(1).add(a.get(0).max(0)).reshape(2, 2).transpose());
        List<Array> args = List.of(random(3, 4, 4), random(4));
        int[] inAxes = {0, Mx.UNMAPPED};
        assertSame(Mx.vmap(f, inAxes, new int[] {0}).apply(args).get(0), loop(f, args, inAxes, 0, 3));
        assertSame(Mx.vmap(f, inAxes, new int[] {2}).apply(args).get(0), loop(f, args, inAxes, 2, 3));
    }

    @Test
    void matmulSoftmaxSortAndScanOverANonLeadingAxis() {
        Fn f = a -> List.of(Mx.softmax(a.get(0).matmul(a.get(1)), -1).add(Mx.cumsum(Mx.sort(a.get(0), 0), 1))
                .get(Slice.of(null, null, -1), Slice.from(1)));
        List<Array> args = List.of(random(3, 5, 3), random(3, 3));
        int[] inAxes = {1, Mx.UNMAPPED};
        assertSame(Mx.vmap(f, inAxes, new int[] {0}).apply(args).get(0), loop(f, args, inAxes, 0, 5));
    }

    @Test
    void takeAgreesWithAPlainLoopOverTheBatch() {
        Fn f = a -> List.of(Mx.take(a.get(0), a.get(1), 0).multiply(2.0));
        List<Array> args = List.of(random(4, 6), Mx.array(new int[] {3, 0, 2, 1, 1, 0, 0, 3}, 4, 2));
        Array got = Mx.vmap(f, new int[] {0, 0}, new int[] {0}).apply(args).get(0);
        // per example: take along axis 0 of a [6] vector with 2 indices
        double[] a = args.get(0).toDoubleArray();
        int[] idx = args.get(1).toIntArray();
        double[] expected = new double[8];
        for (int b = 0; b < 4; b++) for (int j = 0; j < 2; j++) expected[b * 2 + j] = 2 * a[b * 6 + idx[b * 2 + j]];
        assertThat(got.shape()).containsExactly(4, 2);
        assertThat(got.toDoubleArray()).containsExactly(expected, within(1e-12));
    }

    /** Random integer indices in [-extent, extent) (negative ones count from the end). */
    private static Array indices(int extent, int... shape) { return indicesIn(-extent, extent, shape); }

    /** Random integer indices in [lo, hi). */
    private static Array indicesIn(int lo, int hi, int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        int[] v = new int[n];
        for (int i = 0; i < n; i++) v[i] = lo + RNG.nextInt(hi - lo);
        return Mx.array(v, shape);
    }

    /** vmap of f over args with inAxes against the loop, for outAxes 0 and 1. */
    private static void assertVmapMatchesLoop(Fn f, List<Array> args, int[] inAxes, int batch) {
        for (int out : new int[] {0, 1}) {
            assertSame(Mx.vmap(f, inAxes, new int[] {out}).apply(args).get(0), loop(f, args, inAxes, out, batch));
        }
    }

    @Test
    void takeWithEitherOrBothArgumentsMapped() {
        Fn f = a -> List.of(Mx.take(a.get(0), a.get(1), 1));
        // source [3, 5, 2] per example, indices [2, 3] per example; batch 4 on various axes
        assertVmapMatchesLoop(f, List.of(random(3, 4, 5, 2), indices(5, 2, 3, 4)), new int[] {1, 2}, 4);
        assertVmapMatchesLoop(f, List.of(random(3, 5, 2, 4), indices(5, 2, 3)), new int[] {3, Mx.UNMAPPED}, 4);
        assertVmapMatchesLoop(f, List.of(random(3, 5, 2), indices(5, 4, 2, 3)), new int[] {Mx.UNMAPPED, 0}, 4);
        assertVmapMatchesLoop(a -> List.of(Mx.take(a.get(0), a.get(1))), List.of(random(4, 3, 5), indices(15, 4, 7)), new int[] {0, 0}, 4);
    }

    @Test
    void gatherWithMappedAndUnmappedIndexArrays() {
        Fn f = a -> List.of(Mx.gather(a.get(0), List.of(a.get(1), a.get(2)), new int[] {0, 2}, new int[] {1, 3, 2}));
        // source [4, 3, 5] per example; index arrays [6] per example (the second starts slices of 2 in 5)
        assertVmapMatchesLoop(f, List.of(random(4, 3, 5, 2), indices(4, 6), indicesIn(0, 4, 2, 6)), new int[] {3, Mx.UNMAPPED, 0}, 2);
        assertVmapMatchesLoop(f, List.of(random(4, 3, 5), indices(4, 6, 2), indicesIn(0, 4, 2, 6)), new int[] {Mx.UNMAPPED, 1, 0}, 2);
        assertVmapMatchesLoop(f, List.of(random(2, 4, 3, 5), indices(4, 6), indicesIn(0, 4, 6)), new int[] {0, Mx.UNMAPPED, Mx.UNMAPPED}, 2);
    }

    @Test
    void scatterWithMappedAndUnmappedOperands() {
        // dst [5, 3] per example, updates [4, 1, 3], indices [4] with repeats
        for (org.mlx4j.core.graph.ScatterOp op : new org.mlx4j.core.graph.ScatterOp[] {
                org.mlx4j.core.graph.ScatterOp.ADD, org.mlx4j.core.graph.ScatterOp.MAX, org.mlx4j.core.graph.ScatterOp.PROD}) {
            Fn f = a -> List.of(Mx.scatter(a.get(0), a.get(1), List.of(a.get(2)), new int[] {0}, op));
            assertVmapMatchesLoop(f, List.of(random(5, 3, 3), random(4, 1, 3, 3), indices(5, 3, 4)), new int[] {2, 3, 0}, 3);
            assertVmapMatchesLoop(f, List.of(random(5, 3), random(4, 1, 3, 3), indices(5, 4)), new int[] {Mx.UNMAPPED, 3, Mx.UNMAPPED}, 3);
            assertVmapMatchesLoop(f, List.of(random(5, 3), random(4, 1, 3), indices(5, 4, 3)), new int[] {Mx.UNMAPPED, Mx.UNMAPPED, 1}, 3);
        }
        Array distinct = Mx.array(new int[] {4, 0, 2, 1, 3, 0}, 2, 3);
        Fn set = a -> List.of(Mx.scatter(a.get(0), a.get(1), List.of(a.get(2)), new int[] {0}, org.mlx4j.core.graph.ScatterOp.SET));
        assertVmapMatchesLoop(set, List.of(random(2, 5, 3), random(3, 1, 3, 2), distinct), new int[] {0, 3, 0}, 2);
    }

    @Test
    void alongAxisAndCompiledRegions() {
        Fn along = a -> List.of(Mx.putAlongAxis(a.get(0), a.get(1), Mx.takeAlongAxis(a.get(0), a.get(1), 1).exp(), 1));
        assertVmapMatchesLoop(along, List.of(random(3, 4, 5), Mx.array(new int[] {0, 3, 2, 1, 4, 0, 1, 2, 3, 4, 0, 2}, 3, 4, 1)),
                new int[] {1, 1}, 4);
        Fn compiled = Mx.compile((Fn) a -> List.of(a.get(0).exp().multiply(a.get(1)).add(a.get(2).sin())));
        // per example [2, 3] * [3] + [] : inputs of lower rank broadcast inside the fused region
        assertVmapMatchesLoop(compiled, List.of(random(2, 5, 3), random(3, 5), random(5)), new int[] {1, 1, 0}, 5);
        assertVmapMatchesLoop(compiled, List.of(random(2, 3), random(3, 5), random(5)), new int[] {Mx.UNMAPPED, 1, 0}, 5);
        assertVmapMatchesLoop(compiled, List.of(random(2, 5, 3), random(3), random(1)), new int[] {1, Mx.UNMAPPED, Mx.UNMAPPED}, 5);
    }

    @Test
    void gradientsOfIndexingFunctionsBatchTheirScatters() {
        // per example: the gradient of sum(sin(take(x, idx)) * w) with respect to x scatter-adds into x's shape
        Fn grad = Mx.grad((Fn) a -> List.of(Mx.sum(Mx.multiply(Mx.sin(Mx.take(a.get(0), a.get(1), 0)), a.get(2)))), 0);
        List<Array> args = List.of(random(6, 4, 3), indices(6, 4, 5), random(5, 3));
        assertVmapMatchesLoop(grad, args, new int[] {1, 0, Mx.UNMAPPED}, 4);
        Fn jvpOfGather = a -> Mx.jvp(b -> List.of(Mx.gather(Mx.exp(b.get(0)), List.of(a.get(1)), new int[] {1}, new int[] {2, 1})),
                List.of(a.get(0)), List.of(a.get(2))).jvps();
        assertVmapMatchesLoop(jvpOfGather, List.of(random(2, 5, 3), indices(5, 3, 7), random(3, 2, 5)), new int[] {2, 0, 0}, 3);
    }

    @Test
    void checkpointedFunctionsBatchTheirRuleInsteadOfLooping() {
        Fn f = a -> List.of(Mx.tanh(Mx.matmul(a.get(0), a.get(1))).multiply(a.get(0).sum()));
        Fn checkpointed = Mx.checkpoint(f);
        List<Array> args = List.of(random(3, 2, 4), random(4, 5));
        assertVmapMatchesLoop(checkpointed, args, new int[] {1, Mx.UNMAPPED}, 2);
        // the gradient through the batched checkpoint equals the per-example gradients, summed for the shared weight
        Fn loss = a -> List.of(Mx.sum(Mx.vmap(checkpointed, new int[] {1, Mx.UNMAPPED}, new int[] {0}).apply(a).get(0)));
        Fn plain = a -> List.of(Mx.sum(Mx.vmap(f, new int[] {1, Mx.UNMAPPED}, new int[] {0}).apply(a).get(0)));
        List<Array> got = Mx.grad(loss, 0, 1).apply(args), expected = Mx.grad(plain, 0, 1).apply(args);
        for (int k = 0; k < 2; k++) assertSame(got.get(k), expected.get(k));
        List<Integer> sizes = new ArrayList<>();
        for (int b : new int[] {2, 64}) {
            List<Array> batch = List.of(random(b, 3, 4), random(4, 5));
            Fn batchLoss = a -> List.of(Mx.sum(Mx.vmap(checkpointed, new int[] {0, Mx.UNMAPPED}, new int[] {0}).apply(a).get(0)));
            sizes.add(nodeLabels(Mx.grad(batchLoss, 0).apply(batch).get(0)).size());
        }
        assertThat(sizes.get(1)).as("gradient nodes for batch 64 against batch 2").isEqualTo(sizes.get(0));
    }

    /** The node labels (primitive names) of the graph behind {@code a}, from its Graphviz export. */
    private static List<String> nodeLabels(Array a) {
        java.io.StringWriter w = new java.io.StringWriter();
        Mx.exportToDot(w, a);
        return w.toString().lines().filter(l -> l.contains("[label=\""))
                .map(l -> l.substring(l.indexOf("[label=\"") + 8, l.indexOf("\\n"))).toList();
    }

    @Test
    void indexingAndCompiledGraphsDoNotGrowWithTheBatch() {
        Fn compiled = Mx.compile((Fn) a -> List.of(a.get(0).exp().multiply(a.get(0).sin()).add(1.0)));
        Fn f = a -> {
            Array src = a.get(0), idx = a.get(1);
            Array taken = Mx.take(src, idx, 0);
            Array gathered = Mx.gather(src, List.of(idx), new int[] {0}, new int[] {1, 3});
            Array scattered = Mx.scatter(src, gathered, List.of(idx), new int[] {0}, org.mlx4j.core.graph.ScatterOp.ADD);
            return List.of(compiled.apply(List.of(scattered)).get(0).sum().add(taken.sum()));
        };
        List<List<String>> labels = new ArrayList<>();
        int[] batches = {2, 64};
        for (int k = 0; k < 2; k++) {
            int b = batches[k];
            List<Array> args = List.of(random(b, 5, 3), indices(5, b, 4));
            Array out = Mx.vmap(f, new int[] {0, 0}, new int[] {0}).apply(args).get(0);
            labels.add(nodeLabels(out));
            assertSame(out, loop(f, args, new int[] {0, 0}, 0, b));
        }
        assertThat(labels.get(0)).contains("Gather", "ScatterAdd", "Compiled"); // take of a mapped source by mapped indices is a gather
        assertThat(labels.get(1)).as("nodes for batch 64 against batch 2").hasSameSizeAs(labels.get(0));
    }

    @Test
    void vmapOfGradGivesPerExampleGradients() {
        Function<Array, Array> grad = Mx.grad((Array x) -> x.sin().multiply(x).sum());
        Array xs = random(4, 3);
        Array got = Mx.vmap(grad, 0, 0).apply(xs);
        double[] x = xs.toDoubleArray();
        double[] expected = new double[x.length];
        for (int i = 0; i < x.length; i++) expected[i] = Math.cos(x[i]) * x[i] + Math.sin(x[i]);
        assertThat(got.shape()).containsExactly(4, 3);
        assertThat(got.toDoubleArray()).containsExactly(expected, within(1e-12));
    }

    @Test
    void gradOfVmapDifferentiatesThroughTheBatchedGraph() {
        Function<Array, Array> perRow = x -> x.square().sum();
        Function<Array, Array> batched = Mx.vmap(perRow, 0, 0);
        Array xs = random(3, 2);
        Array g = Mx.grad((Array x) -> batched.apply(x).sum()).apply(xs);
        double[] x = xs.toDoubleArray();
        double[] expected = new double[x.length];
        for (int i = 0; i < x.length; i++) expected[i] = 2 * x[i];
        assertThat(g.toDoubleArray()).containsExactly(expected, within(1e-12));
    }

    @Test
    void badAxesAndSizesGiveClearErrors() {
        Fn f = a -> List.of(a.get(0).add(a.get(1)));
        assertThatThrownBy(() -> Mx.vmap(f, new int[] {0, 0}, new int[] {0}).apply(List.of(random(3, 2), random(4, 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vmap").hasMessageContaining("3").hasMessageContaining("4");
        assertThatThrownBy(() -> Mx.vmap(f, new int[] {2, 0}, new int[] {0}).apply(List.of(random(3, 2), random(3, 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("axis 2");
        assertThatThrownBy(() -> Mx.vmap((Array x) -> x.add(x.sum().floatValue()), 0, 0).apply(random(2, 2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("only build graphs");
    }
}
