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
    void gathersFallBackToPerExampleApplication() {
        Fn f = a -> List.of(Mx.take(a.get(0), a.get(1), 0).multiply(2.0));
        List<Array> args = List.of(random(4, 6), Mx.array(new int[] {3, 0, 2, 1, 1, 0, 0, 3}, 4, 2));
        int[] inAxes = {0, 0};
        Array got = Mx.vmap(f, inAxes, new int[] {0}).apply(args).get(0);
        // per example: take along axis 0 of a [6] vector with 2 indices
        double[] a = args.get(0).toDoubleArray();
        int[] idx = args.get(1).toIntArray();
        double[] expected = new double[8];
        for (int b = 0; b < 4; b++) for (int j = 0; j < 2; j++) expected[b * 2 + j] = 2 * a[b * 6 + idx[b * 2 + j]];
        assertThat(got.shape()).containsExactly(4, 2);
        assertThat(got.toDoubleArray()).containsExactly(expected, within(1e-12));
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
