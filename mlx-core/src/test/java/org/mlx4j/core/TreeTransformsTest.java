package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlx4j.core.TestArrays.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * grad and valueAndGrad over trees (maps, lists, records; argnums and argnames), custom functions with
 * custom vjp, jvp and vmap rules, depends, and switching compilation off and on. Gradients are checked
 * against derivatives written out by hand in float64.
 */
@Isolated("switches compilation off for a while")
class TreeTransformsTest {
    private final Random rng = new Random(0x7eeL);

    record Layer(Array w, Array b) {}

    @Test
    void gradOverMapsListsAndRecordsByArgnumsAndArgnames() {
        Sample w = sample64(rng, -1, 1, 3), b = sample64(rng, -1, 1, 1), x = sample64(rng, -1, 1, 3), s = sample64(rng, 0.5, 1, 1);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("layer", new Layer(w.array(), b.array()));
        params.put("scales", List.of(s.array()));
        // loss = scale * (w . x + b)^2, aux: the prediction
        TreeFn f = (args, kw) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) args.get(0);
            Layer l = (Layer) p.get("layer");
            Array scale = (Array) ((List<?>) p.get("scales")).get(0);
            Array xx = (Array) kw.get("x");
            Array pred = Mx.add(Mx.sum(Mx.multiply(l.w(), xx)), Mx.sum(l.b()));
            return List.of(Mx.multiply(Mx.sum(scale), Mx.square(pred)), pred);
        };
        double pred = b.values()[0];
        for (int i = 0; i < 3; i++) pred += w.values()[i] * x.values()[i];
        double sc = s.values()[0];
        TreeValueAndGrad r = Mx.valueAndGrad(f, new int[] {0}, "x").apply(List.of(params), Map.of("x", x.array()));
        assertClose(r.value(), DType.FLOAT64, shape(), new double[] {sc * pred * pred}, 1e-12, 1e-12);
        assertClose((Array) ((List<?>) r.output()).get(1), DType.FLOAT64, shape(), new double[] {pred}, 1e-12, 1e-12);
        @SuppressWarnings("unchecked")
        Map<String, Object> g = (Map<String, Object>) r.grads().get(0);
        assertThat(g.keySet()).containsExactly("layer", "scales");
        Layer gl = (Layer) g.get("layer");
        double[] gw = new double[3], gx = new double[3];
        for (int i = 0; i < 3; i++) {
            gw[i] = 2 * sc * pred * x.values()[i];
            gx[i] = 2 * sc * pred * w.values()[i];
        }
        assertClose(gl.w(), DType.FLOAT64, shape(3), gw, 1e-12, 1e-12);
        assertClose(gl.b(), DType.FLOAT64, shape(1), new double[] {2 * sc * pred}, 1e-12, 1e-12);
        assertClose((Array) ((List<?>) g.get("scales")).get(0), DType.FLOAT64, shape(1), new double[] {pred * pred}, 1e-12, 1e-12);
        assertClose((Array) r.grads().get("x"), DType.FLOAT64, shape(3), gx, 1e-12, 1e-12);
        // names only, and grad without the value
        TreeGrads only = Mx.grad(f, new int[0], "x").apply(List.of(params), Map.of("x", x.array()));
        assertThat(only.positional()).isEmpty();
        assertClose((Array) only.get("x"), DType.FLOAT64, shape(3), gx, 1e-12, 1e-12);
    }

    @Test
    void gradOverSeveralArgnumsLeavesOtherArgumentsAlone() {
        Sample a = sample64(rng, -1, 1, 2), b = sample64(rng, -1, 1, 2);
        TreeFn f = (args, kw) -> {
            int power = (Integer) args.get(2); // not an array: never differentiated
            List<?> pair = (List<?>) args.get(1);
            return Mx.sum(Mx.multiply(Mx.power((Array) args.get(0), (long) power), Mx.add((Array) pair.get(0), (Array) pair.get(1))));
        };
        Array c = sample64(rng, -1, 1, 2).array();
        TreeGrads g = Mx.grad(f, new int[] {1, 0}).apply(List.of(a.array(), List.of(b.array(), c), 3), Map.of());
        double[] ga = new double[2], gb = new double[2];
        double[] cv = c.toDoubleArray();
        for (int i = 0; i < 2; i++) {
            ga[i] = 3 * Math.pow(a.values()[i], 2) * (b.values()[i] + cv[i]);
            gb[i] = Math.pow(a.values()[i], 3);
        }
        List<?> pairGrad = (List<?>) g.get(0);
        assertClose((Array) pairGrad.get(0), DType.FLOAT64, shape(2), gb, 1e-12, 1e-12);
        assertClose((Array) pairGrad.get(1), DType.FLOAT64, shape(2), gb, 1e-12, 1e-12);
        assertClose((Array) g.get(1), DType.FLOAT64, shape(2), ga, 1e-12, 1e-12);
    }

    @Test
    void treeGradRejectsBadCalls() {
        TreeFn f = (args, kw) -> Mx.sum((Array) args.get(0));
        Array x = Mx.ones(3);
        assertThatThrownBy(() -> Mx.grad(f, new int[0])).hasMessageContaining("nothing to differentiate");
        assertThatThrownBy(() -> Mx.grad(f, new int[] {0, 0})).hasMessageContaining("argnum 0 is listed twice");
        assertThatThrownBy(() -> Mx.grad(f, new int[] {1}).apply(List.of(x), Map.of())).hasMessageContaining("argnum 1 is out of range");
        assertThatThrownBy(() -> Mx.grad(f, new int[0], "y").apply(List.of(x), Map.of())).hasMessageContaining("argname 'y'");
        assertThatThrownBy(() -> Mx.grad(f, new int[] {0}).apply(List.of(List.of(x, "s")), Map.of()))
                .hasMessageContaining("the differentiated argument 0 must be a tree of arrays");
        TreeFn vector = (args, kw) -> (Array) args.get(0);
        assertThatThrownBy(() -> Mx.grad(vector, new int[] {0}).apply(List.of(x), Map.of())).hasMessageContaining("scalar");
    }

    @Test
    void customFunctionUsesItsRulesAndFallsBackToTheFunction() {
        Fn cube = xs -> List.of(Mx.power(xs.get(0), 3L));
        Sample x = sample64(rng, 0.5, 1.5, 4);
        List<Array> xs = List.of(x.array());
        // rules that are deliberately not the true derivative, so using them is visible
        CustomFunction f = Mx.customFunction(cube)
                .withVjp((args, cts, outs) -> List.of(Mx.multiply(cts.get(0), 10.0)))
                .withJvp((args, tans) -> List.of(Mx.multiply(tans.get(0), -1.0)))
                .withVmap((args, axes) -> new CustomFunction.VmapResult(List.of(Mx.negative(Mx.moveAxis(args.get(0), axes[0], 1))), new int[] {1}));
        double[] cubed = new double[4], three = new double[4];
        for (int i = 0; i < 4; i++) {
            cubed[i] = Math.pow(x.values()[i], 3);
            three[i] = 3 * x.values()[i] * x.values()[i];
        }
        assertClose(f.apply(xs).get(0), DType.FLOAT64, shape(4), cubed, 1e-12, 1e-12);
        Array ones = Mx.ones(new int[] {4}, DType.FLOAT64);
        assertClose(Mx.vjp(f, xs, List.of(ones)).vjps().get(0), DType.FLOAT64, shape(4), new double[] {10, 10, 10, 10}, 0, 0);
        assertClose(Mx.jvp(f, xs, List.of(ones)).jvps().get(0), DType.FLOAT64, shape(4), new double[] {-1, -1, -1, -1}, 0, 0);
        Array batch = Mx.reshape(x.array(), 2, 2);
        assertClose(Mx.vmap(f, new int[] {1}, new int[] {0}).apply(List.of(batch)).get(0), DType.FLOAT64, shape(2, 2),
                Mx.negative(Mx.transpose(batch)).toDoubleArray(), 0, 0);
        // without rules every transformation goes through the function itself
        CustomFunction plain = Mx.customFunction(cube);
        assertClose(Mx.vjp(plain, xs, List.of(ones)).vjps().get(0), DType.FLOAT64, shape(4), three, 1e-12, 1e-12);
        assertClose(Mx.jvp(plain, xs, List.of(ones)).jvps().get(0), DType.FLOAT64, shape(4), three, 1e-12, 1e-12);
        assertClose(Mx.vmap(plain, new int[] {0}, new int[] {0}).apply(List.of(batch)).get(0), DType.FLOAT64, shape(2, 2), cubed, 1e-12, 1e-12);
        // a vjp rule alone: forward mode still differentiates the function; vmap of grad uses the rule per example
        CustomFunction vjpOnly = Mx.customFunction(cube).withVjp((args, cts, outs) -> List.of(Mx.multiply(cts.get(0), args.get(0))));
        assertClose(Mx.jvp(vjpOnly, xs, List.of(ones)).jvps().get(0), DType.FLOAT64, shape(4), three, 1e-12, 1e-12);
        Fn gradSum = Mx.grad((Fn) ys -> List.of(Mx.sum(vjpOnly.apply(ys).get(0))));
        assertClose(Mx.vmap(gradSum, new int[] {0}, new int[] {0}).apply(List.of(batch)).get(0), DType.FLOAT64, shape(2, 2),
                x.values(), 1e-12, 1e-12);
        // a jvp rule is used under vmap too
        CustomFunction jvpOnly = Mx.customFunction(cube).withJvp((args, tans) -> List.of(Mx.multiply(tans.get(0), args.get(0))));
        Fn jvpOf = ys -> Mx.jvp(jvpOnly, List.of(ys.get(0)), List.of(Mx.onesLike(ys.get(0)))).jvps();
        assertClose(Mx.vmap(jvpOf, new int[] {0}, new int[] {0}).apply(List.of(batch)).get(0), DType.FLOAT64, shape(2, 2),
                x.values(), 1e-12, 1e-12);
        // an unmapped output of the vmap rule is broadcast over the batch
        CustomFunction constant = Mx.customFunction(cube)
                .withVmap((args, axes) -> new CustomFunction.VmapResult(List.of(Mx.zeros(new int[] {2}, DType.FLOAT64)), new int[] {Mx.UNMAPPED}));
        assertClose(Mx.vmap(constant, new int[] {0}, new int[] {0}).apply(List.of(batch)).get(0), DType.FLOAT64, shape(2, 2),
                new double[4], 0, 0);
        CustomFunction wrong = Mx.customFunction(cube)
                .withVmap((args, axes) -> new CustomFunction.VmapResult(List.of(Mx.zeros(3)), new int[] {0}));
        assertThatThrownBy(() -> Mx.vmap(wrong, new int[] {0}, new int[] {0}).apply(List.of(batch)))
                .hasMessageContaining("CustomFunction: the vmap rule's output 0 has shape [3], expected [2, 2]");
    }

    @Test
    void dependsEvaluatesDependenciesFirstAndPassesGradientsToInputs() {
        Array x = Mx.array(new double[] {1, 2}, DType.FLOAT64, 2);
        // a dependency of 8 MiB: evaluating the small result must compute it (and so allocate its buffer)
        int n = 1 << 21;
        Mx.eval(x);
        Memory.resetPeakMemory();
        long before = Memory.peakMemory();
        Mx.eval(Mx.square(x), Mx.add(Mx.zeros(2), 1.0));
        assertThat(Memory.peakMemory() - before).as("without depends nothing large is computed").isLessThan(n);
        Memory.resetPeakMemory();
        before = Memory.peakMemory();
        Array dep = Mx.add(Mx.zeros(n), 1.0);
        Array y = Mx.depends(Mx.square(x), dep);
        Mx.eval(y);
        assertThat(Memory.peakMemory() - before).as("the dependency was computed").isGreaterThanOrEqualTo(4L * n);
        assertClose(y, DType.FLOAT64, shape(2), new double[] {1, 4}, 0, 0);
        Fn f = xs -> List.of(Mx.sum(Mx.depends(Mx.square(xs.get(0)), Mx.exp(xs.get(0)))));
        assertClose(Mx.grad(f).apply(List.of(x)).get(0), DType.FLOAT64, shape(2), new double[] {2, 4}, 0, 0);
        List<Array> two = Mx.depends(List.of(x, Mx.negative(x)), List.of(Mx.exp(x)));
        assertClose(two.get(1), DType.FLOAT64, shape(2), new double[] {-1, -2}, 0, 0);
        assertThatThrownBy(() -> Mx.depends(List.of(), List.of(x))).hasMessageContaining("depends: no inputs");
    }

    @Test
    void disableCompileRunsTheFunctionEveryCall() {
        AtomicInteger calls = new AtomicInteger();
        Fn f = Mx.compile((Fn) xs -> {
            calls.incrementAndGet();
            return List.of(Mx.exp(xs.get(0)));
        });
        Array x = Mx.array(new double[] {0, 1}, DType.FLOAT64, 2);
        f.apply(List.of(x));
        f.apply(List.of(x));
        assertThat(calls.get()).as("traced once").isEqualTo(1);
        Mx.disableCompile();
        try {
            assertClose(f.apply(List.of(x)).get(0), DType.FLOAT64, shape(2), new double[] {1, Math.E}, 1e-15, 0);
            f.apply(List.of(x));
            assertThat(calls.get()).as("called directly while disabled").isEqualTo(3);
        } finally {
            Mx.enableCompile();
        }
        f.apply(List.of(x));
        assertThat(calls.get()).as("the cached trace again").isEqualTo(3);
    }
}
