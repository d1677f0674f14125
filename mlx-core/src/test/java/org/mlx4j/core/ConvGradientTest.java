package org.mlx4j.core;

import static org.mlx4j.core.TestArrays.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Convolution derivatives in float64: vjps against central differences ({@link GradientChecks}), jvps against
 * central differences and against the vjps by transposition ({@link JvpChecks}), over random geometries
 * (strides, asymmetric and negative padding, both dilations, groups, flips), and second derivatives.
 */
class ConvGradientTest {

    private record Geometry(int[] xs, int[] ws, int[] stride, int[] lo, int[] hi, int[] kDil, int[] inDil, int groups, boolean flip) {
        Array apply(Array x, Array w) { return Mx.convGeneral(x, w, stride, lo, hi, kDil, inDil, groups, flip); }
    }

    private static int[] ints(Random rng, int d, int lo, int hi) {
        int[] r = new int[d];
        for (int i = 0; i < d; i++) r[i] = lo + rng.nextInt(hi - lo + 1);
        return r;
    }

    private static Geometry geometry(Random rng, int d) {
        int groups = 1 + rng.nextInt(2), cg = 1 + rng.nextInt(2), og = 1 + rng.nextInt(2);
        int[] stride = ints(rng, d, 1, 3), lo = ints(rng, d, -1, 2), hi = ints(rng, d, -1, 2), kDil = ints(rng, d, 1, 2),
                inDil = ints(rng, d, 1, 2);
        int[] xs = new int[d + 2], ws = new int[d + 2];
        xs[0] = 1 + rng.nextInt(2);
        xs[d + 1] = cg * groups;
        ws[0] = og * groups;
        ws[d + 1] = cg;
        for (int i = 0; i < d; i++) {
            ws[i + 1] = 1 + rng.nextInt(d == 3 ? 2 : 3);
            int needed = (ws[i + 1] - 1) * kDil[i] + 1 - lo[i] - hi[i];
            int minIn = Math.max(1, (needed - 1 + inDil[i] - 1) / inDil[i] + 1);
            xs[i + 1] = minIn + rng.nextInt(d == 3 ? 2 : 3);
        }
        return new Geometry(xs, ws, stride, lo, hi, kDil, inDil, groups, rng.nextBoolean());
    }

    @Test
    void vjpOfBothOperandsMatchesFiniteDifferences() {
        Random rng = new Random(21);
        for (int trial = 0; trial < 30; trial++) {
            Geometry g = geometry(rng, 1 + trial % 3);
            GradientChecks.checkVjp(a -> List.of(g.apply(a.get(0), a.get(1))), rng,
                    sample64(rng, -1, 1, g.xs()), sample64(rng, -1, 1, g.ws()));
        }
    }

    @Test
    void jvpMatchesFiniteDifferencesAndTransposesTheVjp() {
        Random rng = new Random(22);
        for (int trial = 0; trial < 30; trial++) {
            Geometry g = geometry(rng, 1 + trial % 3);
            JvpChecks.check(a -> List.of(g.apply(a.get(0), a.get(1))), rng,
                    sample64(rng, -1, 1, g.xs()), sample64(rng, -1, 1, g.ws()));
        }
    }

    @Test
    void theNamedFormsDifferentiate() {
        Random rng = new Random(23);
        GradientChecks.checkVjp(a -> List.of(Mx.conv2d(a.get(0), a.get(1), new int[] {2, 1}, new int[] {1, 0},
                new int[] {1, 2}, 2)), rng, sample64(rng, -1, 1, 2, 6, 7, 4), sample64(rng, -1, 1, 4, 3, 2, 2));
        GradientChecks.checkVjp(a -> List.of(Mx.convTranspose2d(a.get(0), a.get(1), new int[] {2, 3}, new int[] {1, 0},
                new int[] {1, 1}, new int[] {1, 2}, 1)), rng, sample64(rng, -1, 1, 1, 3, 4, 2), sample64(rng, -1, 1, 3, 3, 2, 2));
        GradientChecks.checkVjp(a -> List.of(Mx.convolve(a.get(0), a.get(1), "same")), rng,
                sample64(rng, -1, 1, 7), sample64(rng, -1, 1, 4));
    }

    @Test
    void secondDerivativesAreConvolutionsToo() {
        Random rng = new Random(24);
        Geometry g = geometry(rng, 2);
        Sample x = sample64(rng, -1, 1, g.xs()), w = sample64(rng, -1, 1, g.ws());
        Array ct = f64(uniform(rng, (int) g.apply(x.array(), w.array()).size(), -1, 1), g.apply(x.array(), w.array()).shape());
        // d/dw of <dL/dx, v> for L = <ct, conv(x, w)>: linear in w, so its vjp is checked against finite differences
        Sample v = sample64(rng, -1, 1, g.xs());
        Fn inputGradDotV = a -> {
            Array dx = Mx.vjp(b -> List.of(g.apply(b.get(0), a.get(0))), List.of(x.array()), List.of(ct)).vjps().get(0);
            return List.of(Mx.sum(Mx.multiply(dx, v.array())));
        };
        GradientChecks.checkVjp(inputGradDotV, rng, w);
        JvpChecks.check(a -> {
            List<Array> out = new ArrayList<>();
            out.add(Mx.vjp(b -> List.of(g.apply(b.get(0), b.get(1))), List.of(a.get(0), a.get(1)), List.of(ct)).vjps().get(1));
            return out;
        }, rng, x, w);
    }
}
