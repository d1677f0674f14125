package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlx4j.core.TestArrays.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** vmap of convolutions (input mapped, weight mapped, both; on any axis) against a loop over the examples. */
class ConvVmapTest {

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

    private static void check(Fn f, List<Array> args, int[] inAxes, int outAxis, int batch) {
        Array got = Mx.vmap(f, inAxes, new int[] {outAxis}).apply(args).get(0);
        Array expected = loop(f, args, inAxes, outAxis, batch);
        assertThat(got.shape()).containsExactly(expected.shape());
        assertThat(got.dtype()).isEqualTo(expected.dtype());
        assertThat(got.toDoubleArray()).containsExactly(expected.toDoubleArray(), within(1e-10));
    }

    private static Array random(Random rng, int... shape) { return sample64(rng, -1, 1, shape).array(); }

    @Test
    void mappedInputsWeightsOrBothMatchALoop() {
        Random rng = new Random(31);
        Fn conv = a -> List.of(Mx.convGeneral(a.get(0), a.get(1), new int[] {2, 1}, new int[] {1, 0}, new int[] {0, 2},
                new int[] {1, 2}, new int[] {2, 1}, 2, true));
        int batch = 3;
        Array xs = random(rng, batch, 2, 5, 4, 4), ws = random(rng, batch, 6, 3, 2, 2);
        Array x = random(rng, 2, 5, 4, 4), w = random(rng, 6, 3, 2, 2);
        check(conv, List.of(xs, w), new int[] {0, Mx.UNMAPPED}, 0, batch);
        check(conv, List.of(x, ws), new int[] {Mx.UNMAPPED, 0}, 0, batch);
        check(conv, List.of(xs, ws), new int[] {0, 0}, 1, batch);
        Array xsMid = Mx.moveAxis(xs, 0, 2), wsLast = Mx.moveAxis(ws, 0, 4);
        check(conv, List.of(xsMid, wsLast), new int[] {2, 4}, 3, batch);
    }

    @Test
    void gradientsOfConvolutionsVmap() {
        Random rng = new Random(32);
        int batch = 4;
        Fn lossGrads = a -> {
            List<Array> g = Mx.grad(b -> List.of(Mx.sum(Mx.square(Mx.conv1d(b.get(0), b.get(1), 2, 1, 1, 1)))),
                    new int[] {0, 1}).apply(a);
            return List.of(Mx.add(Mx.sum(g.get(0)), Mx.sum(Mx.multiply(g.get(1), g.get(1)))));
        };
        Array xs = random(rng, batch, 2, 7, 3), ws = random(rng, batch, 4, 3, 3);
        check(lossGrads, List.of(xs, ws), new int[] {0, 0}, 0, batch);
        check(lossGrads, List.of(xs, Mx.take(ws, Mx.array(0), 0)), new int[] {0, Mx.UNMAPPED}, 0, batch);
    }
}
