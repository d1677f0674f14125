package org.mlx4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.assertj.core.data.Offset;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.utils.Tree;

/** Gradients of float64 modules against central finite differences. */
final class GradCheck {
    private GradCheck() {}

    /**
     * Checks {@code d/dp sum(forward(x) * r)} from {@link Nn#valueAndGrad} against central differences at up to six
     * random elements of every trainable parameter, and the input gradient likewise.
     */
    static void check(Module model, Function<Array, Array> forward, Array x, long seed) {
        model.setDtype(DType.FLOAT64);
        Array x64 = x.astype(DType.FLOAT64);
        Array out = forward.apply(x64);
        Array r = Ref.f64(Ref.uniform(seed, (int) out.size()), out.shape());
        Function<Array, Double> loss = in -> Mx.sum(forward.apply(in).multiply(r)).doubleValue();
        ValueAndGradTree vg = Nn.valueAndGrad(model, args -> List.of(Mx.sum(forward.apply(args.get(0)).multiply(r))))
                .apply(List.of(x64));
        assertThat(vg.value().doubleValue()).isCloseTo(loss.apply(x64), Offset.offset(1e-9));
        Map<String, Array> grads = Tree.flatten(vg.grads());
        Map<String, Array> params = Tree.flatten(model.trainableParameters());
        assertThat(grads.keySet()).isEqualTo(params.keySet());
        SplittableRandom rnd = new SplittableRandom(seed);
        double h = 1e-6;
        for (Map.Entry<String, Array> e : params.entrySet()) {
            String key = e.getKey();
            double[] base = e.getValue().toDoubleArray();
            double[] analytic = grads.get(key).toDoubleArray();
            int[] shape = e.getValue().shape();
            for (int t = 0; t < Math.min(6, base.length); t++) {
                int i = rnd.nextInt(base.length);
                double[] plus = base.clone(), minus = base.clone();
                plus[i] += h;
                minus[i] -= h;
                double fp = withParameter(model, key, Ref.f64(plus, shape), () -> loss.apply(x64));
                double fm = withParameter(model, key, Ref.f64(minus, shape), () -> loss.apply(x64));
                double numeric = (fp - fm) / (2 * h);
                assertThat(analytic[i]).as("d/d %s[%d]", key, i).isCloseTo(numeric, Offset.offset(1e-5 * (1 + Math.abs(numeric))));
            }
            withParameter(model, key, Ref.f64(base, shape), () -> 0.0);
        }
        Array gx = Mx.grad(in -> Mx.sum(forward.apply(in).multiply(r))).apply(x64);
        double[] xb = x64.toDoubleArray(), gxa = gx.toDoubleArray();
        for (int t = 0; t < Math.min(6, xb.length); t++) {
            int i = rnd.nextInt(xb.length);
            double[] plus = xb.clone(), minus = xb.clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (loss.apply(Ref.f64(plus, x64.shape())) - loss.apply(Ref.f64(minus, x64.shape()))) / (2 * h);
            assertThat(gxa[i]).as("d/dx[%d]", i).isCloseTo(numeric, Offset.offset(1e-5 * (1 + Math.abs(numeric))));
        }
    }

    private static double withParameter(Module model, String key, Array value, java.util.function.DoubleSupplier f) {
        Map<String, Array> one = new LinkedHashMap<>();
        one.put(key, value);
        model.update(Tree.unflatten(one));
        return f.getAsDouble();
    }
}
