package org.mlx4j.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.nn.Linear;
import org.mlx4j.nn.Ref;
import org.mlx4j.nn.Sequential;
import org.mlx4j.nn.ReLU;
import org.mlx4j.utils.Tree;

class OptimizersTest {
    /** One element-wise update in float64: new parameter values, given the 1-based step and the slots. */
    interface RefUpdate {
        double[] apply(double[] p, double[] g, Map<String, double[]> s, int step);
    }

    static double[] map(int n, java.util.function.IntToDoubleFunction f) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = f.applyAsDouble(i);
        return out;
    }

    static double[] slot(Map<String, double[]> s, String name, int n) { return s.computeIfAbsent(name, k -> new double[n]); }

    static Stream<Arguments> optimizers() {
        double lr = 0.05;
        return Stream.of(
                Arguments.of("SGD", (Supplier<Optimizer>) () -> new SGD(lr), (RefUpdate) (p, g, s, t) -> map(p.length, i -> p[i] - lr * g[i])),
                Arguments.of("SGD momentum nesterov decay", (Supplier<Optimizer>) () -> new SGD(lr, 0.9, 0.01, 0, true), (RefUpdate) (p, g, s, t) -> {
                    double[] v = slot(s, "v", p.length);
                    return map(p.length, i -> {
                        double gi = g[i] + 0.01 * p[i];
                        v[i] = 0.9 * v[i] + gi;
                        return p[i] - lr * (gi + 0.9 * v[i]);
                    });
                }),
                Arguments.of("SGD dampening", (Supplier<Optimizer>) () -> new SGD(lr, 0.9, 0, 0.3, false), (RefUpdate) (p, g, s, t) -> {
                    double[] v = slot(s, "v", p.length);
                    return map(p.length, i -> {
                        v[i] = 0.9 * v[i] + 0.7 * g[i];
                        return p[i] - lr * v[i];
                    });
                }),
                Arguments.of("RMSprop", (Supplier<Optimizer>) () -> new RMSprop(lr), (RefUpdate) (p, g, s, t) -> {
                    double[] v = slot(s, "v", p.length);
                    return map(p.length, i -> {
                        v[i] = 0.99 * v[i] + 0.01 * g[i] * g[i];
                        return p[i] - lr * g[i] / (Math.sqrt(v[i]) + 1e-8);
                    });
                }),
                Arguments.of("Adagrad", (Supplier<Optimizer>) () -> new Adagrad(lr), (RefUpdate) (p, g, s, t) -> {
                    double[] v = slot(s, "v", p.length);
                    return map(p.length, i -> {
                        v[i] += g[i] * g[i];
                        return p[i] - lr * g[i] / (Math.sqrt(v[i]) + 1e-8);
                    });
                }),
                Arguments.of("AdaDelta", (Supplier<Optimizer>) () -> new AdaDelta(lr), (RefUpdate) (p, g, s, t) -> {
                    double[] v = slot(s, "v", p.length), u = slot(s, "u", p.length);
                    return map(p.length, i -> {
                        v[i] = 0.9 * v[i] + 0.1 * g[i] * g[i];
                        double d = Math.sqrt(u[i] + 1e-6) / Math.sqrt(v[i] + 1e-6) * g[i];
                        u[i] = 0.9 * u[i] + 0.1 * d * d;
                        return p[i] - lr * d;
                    });
                }),
                Arguments.of("Adam", (Supplier<Optimizer>) () -> new Adam(lr), (RefUpdate) (p, g, s, t) -> {
                    double[] m = slot(s, "m", p.length), v = slot(s, "v", p.length);
                    return map(p.length, i -> {
                        m[i] = 0.9 * m[i] + 0.1 * g[i];
                        v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                        return p[i] - lr * m[i] / (Math.sqrt(v[i]) + 1e-8);
                    });
                }),
                Arguments.of("Adam bias correction", (Supplier<Optimizer>) () -> new Adam(lr, 0.8, 0.99, 1e-8, true), (RefUpdate) (p, g, s, t) -> {
                    double[] m = slot(s, "m", p.length), v = slot(s, "v", p.length);
                    return map(p.length, i -> {
                        m[i] = 0.8 * m[i] + 0.2 * g[i];
                        v[i] = 0.99 * v[i] + 0.01 * g[i] * g[i];
                        double mh = m[i] / (1 - Math.pow(0.8, t)), vh = v[i] / (1 - Math.pow(0.99, t));
                        return p[i] - lr * mh / (Math.sqrt(vh) + 1e-8);
                    });
                }),
                Arguments.of("AdamW", (Supplier<Optimizer>) () -> new AdamW(lr, 0.1), (RefUpdate) (p, g, s, t) -> {
                    double[] m = slot(s, "m", p.length), v = slot(s, "v", p.length);
                    return map(p.length, i -> {
                        m[i] = 0.9 * m[i] + 0.1 * g[i];
                        v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                        return p[i] * (1 - lr * 0.1) - lr * m[i] / (Math.sqrt(v[i]) + 1e-8);
                    });
                }),
                Arguments.of("Adamax", (Supplier<Optimizer>) () -> new Adamax(lr), (RefUpdate) (p, g, s, t) -> {
                    double[] m = slot(s, "m", p.length), v = slot(s, "v", p.length);
                    return map(p.length, i -> {
                        m[i] = 0.9 * m[i] + 0.1 * g[i];
                        v[i] = Math.max(0.999 * v[i], Math.abs(g[i]));
                        return p[i] - lr * m[i] / (v[i] + 1e-8);
                    });
                }),
                Arguments.of("Lion", (Supplier<Optimizer>) () -> new Lion(lr, 0.9, 0.99, 0.1), (RefUpdate) (p, g, s, t) -> {
                    double[] m = slot(s, "m", p.length);
                    return map(p.length, i -> {
                        double c = 0.9 * m[i] + 0.1 * g[i];
                        m[i] = 0.99 * m[i] + 0.01 * g[i];
                        return (1 - lr * 0.1) * p[i] - lr * Math.signum(c);
                    });
                }));
    }

    /** A parameter tree with a nested list, and gradients for it drawn per step. */
    static Map<String, Object> tree(long seed) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("w", Ref.f32(Ref.uniform(seed, 6), 2, 3));
        t.put("layers", List.of(Map.of("b", Ref.f32(Ref.uniform(seed + 1, 3), 3))));
        return t;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void threeStepsMatchTheFloat64Formula(String name, Supplier<Optimizer> make, RefUpdate ref) {
        Optimizer opt = make.get();
        Object params = tree(1);
        Map<String, double[]> expected = new HashMap<>();
        Tree.flatten(params).forEach((k, v) -> expected.put(k, v.toDoubleArray()));
        Map<String, Map<String, double[]>> slots = new HashMap<>();
        for (int step = 1; step <= 3; step++) {
            Object grads = tree(10L * step);
            params = opt.applyGradients(grads, params);
            Map<String, Array> flatGrads = Tree.flatten(grads);
            for (String k : expected.keySet()) {
                expected.put(k, ref.apply(expected.get(k), flatGrads.get(k).toDoubleArray(),
                        slots.computeIfAbsent(k, x -> new HashMap<>()), step));
            }
        }
        Map<String, Array> got = Tree.flatten(params);
        for (String k : expected.keySet()) {
            double[] g = got.get(k).toDoubleArray(), e = expected.get(k);
            assertThat(got.get(k).dtype()).isEqualTo(DType.FLOAT32);
            for (int i = 0; i < e.length; i++) assertThat(g[i]).as("%s %s[%d]", name, k, i).isCloseTo(e[i], Offset.offset(2e-5));
        }
        assertThat(opt.step().dtype()).isEqualTo(DType.UINT64);
        assertThat(opt.step().longValue()).isEqualTo(3);
        // the slots the reference used are the optimizer's, with MLX's names, shaped like the parameters
        Map<String, Array> state = Tree.flatten(opt.state());
        for (String k : expected.keySet()) {
            for (String s : slots.get(k).keySet()) assertThat(state).containsKey(k + "." + s);
        }
    }

    @Test
    void stateHasMlxsLayoutAndRoundTripsThroughFlatten() {
        Adam adam = new Adam(0.01);
        Object params = tree(3);
        params = adam.applyGradients(tree(4), params);
        assertThat(Tree.flatten(adam.state()).keySet()).containsExactly("step", "learning_rate", "w.m", "w.v",
                "layers.0.b.m", "layers.0.b.v");
        Adam restored = new Adam(0.01);
        restored.setState((Map<String, ?>) Tree.unflatten(Tree.flatten(adam.state())));
        Object a = adam.applyGradients(tree(5), params), b = restored.applyGradients(tree(5), params);
        assertThat(Tree.flatten(a).get("w").toFloatArray()).containsExactly(Tree.flatten(b).get("w").toFloatArray());
        assertThatThrownBy(() -> restored.setState(Map.of())).hasMessageContaining("step");
    }

    @Test
    void updateAppliesToAModelAndSkipsParametersWithoutGradients() {
        Sequential model = new Sequential(new Linear(3, 4, true), new ReLU(), new Linear(4, 2, true));
        Map<String, Array> before = Tree.flatten(model.parameters());
        Map<String, Object> grads = new LinkedHashMap<>();
        grads.put("layers", List.of(Map.of("bias", Mx.ones(new int[] {4}, DType.FLOAT32)), Map.of(), Map.of()));
        new SGD(0.5).update(model, grads);
        Map<String, Array> after = Tree.flatten(model.parameters());
        float[] b0 = before.get("layers.0.bias").toFloatArray(), b1 = after.get("layers.0.bias").toFloatArray();
        for (int i = 0; i < 4; i++) assertThat(b1[i]).isCloseTo(b0[i] - 0.5f, Offset.offset(1e-6f));
        assertThat(after.get("layers.2.weight")).isSameAs(before.get("layers.2.weight"));
        assertThatThrownBy(() -> new SGD(0.1).update(model, Map.of("layers", List.of(Map.of("bias", Mx.ones(new int[] {5}, DType.FLOAT32))))))
                .hasMessageContaining("layers.0.bias");
    }

    @Test
    void schedulesDriveTheLearningRate() {
        SGD sgd = new SGD(Schedules.exponentialDecay(0.1, 0.5), 0, 0, 0, false);
        Object params = Map.of("w", Mx.zeros(new int[] {1}, DType.FLOAT32));
        Map<String, Object> grads = Map.of("w", Mx.ones(new int[] {1}, DType.FLOAT32));
        double expected = 0;
        for (int step = 0; step < 4; step++) {
            params = sgd.applyGradients(grads, params);
            expected -= 0.1 * Math.pow(0.5, step);
            assertThat(sgd.learningRate().doubleValue()).isCloseTo(0.1 * Math.pow(0.5, step), Offset.offset(1e-7));
        }
        assertThat(((Array) ((Map<?, ?>) params).get("w")).doubleValue()).isCloseTo(expected, Offset.offset(1e-6));
        sgd.setLearningRate(0.01);
        sgd.applyGradients(grads, params);
        assertThat(sgd.learningRate().doubleValue()).isCloseTo(0.01, Offset.offset(1e-9));
    }

    @Test
    void clipGradNormScalesOnlyWhenOverTheBound() {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("a", Mx.array(new float[] {3, 0}, 2));
        g.put("b", List.of(Mx.array(new float[] {4}, 1)));
        Optimizers.Clipped c = Optimizers.clipGradNorm(g, 1.0);
        assertThat(c.totalNorm().doubleValue()).isCloseTo(5, Offset.offset(1e-6));
        Map<String, Array> flat = Tree.flatten(c.grads());
        assertThat(flat.get("a").toFloatArray()[0]).isCloseTo(0.6f, Offset.offset(1e-5f));
        assertThat(flat.get("b.0").toFloatArray()[0]).isCloseTo(0.8f, Offset.offset(1e-5f));
        Map<String, Array> kept = Tree.flatten(Optimizers.clipGradNorm(g, 10).grads());
        assertThat(kept.get("a").toFloatArray()).containsExactly(3f, 0f);
    }

    @Test
    void multiOptimizerSendsEachPathToTheFirstMatchingOptimizer() {
        MultiOptimizer multi = new MultiOptimizer(List.of(new SGD(1.0), new SGD(0.0)),
                List.of((path, g) -> path.startsWith("w")));
        Map<String, Object> params = tree(7);
        Object updated = multi.applyGradients(tree(8), params);
        Map<String, Array> p = Tree.flatten(params), u = Tree.flatten(updated), g = Tree.flatten(tree(8));
        float[] w = p.get("w").toFloatArray(), gw = g.get("w").toFloatArray(), uw = u.get("w").toFloatArray();
        for (int i = 0; i < w.length; i++) assertThat(uw[i]).isCloseTo(w[i] - gw[i], Offset.offset(1e-6f));
        assertThat(u.get("layers.0.b").toFloatArray()).containsExactly(p.get("layers.0.b").toFloatArray());
        assertThat(multi.state()).containsKey("states");
        assertThatThrownBy(() -> new MultiOptimizer(List.of(new SGD(1.0)), List.of((path, x) -> true)))
                .hasMessageContaining("filters");
    }

    @Test
    void adafactorFactorsTheSecondMomentOfMatrices() {
        Adafactor ada = new Adafactor();
        Object params = tree(9);
        params = ada.applyGradients(tree(10), params);
        Map<String, Array> state = Tree.flatten(ada.state());
        assertThat(state.get("w.exp_avg_sq_row").shape()).containsExactly(2);
        assertThat(state.get("w.exp_avg_sq_col").shape()).containsExactly(3);
        assertThat(state.get("layers.0.b.exp_avg_sq").shape()).containsExactly(3);
        // step 1: beta2 = 0, so the factored moment is the mean of g^2 + eps along each axis, and the update is
        // clipped to RMS 1, scaled by max(1e-3, rms(w)) * min(1e-2, 1)
        double[] w = Tree.flatten(tree(9)).get("w").toDoubleArray(), g = Tree.flatten(tree(10)).get("w").toDoubleArray();
        double[] row = new double[2], col = new double[3];
        for (int r = 0; r < 2; r++) for (int c = 0; c < 3; c++) {
            row[r] += (g[r * 3 + c] * g[r * 3 + c] + 1e-30) / 3;
            col[c] += (g[r * 3 + c] * g[r * 3 + c] + 1e-30) / 2;
        }
        double rowMean = (row[0] + row[1]) / 2;
        double[] u = new double[6];
        double ms = 0, wms = 0;
        for (int r = 0; r < 2; r++) for (int c = 0; c < 3; c++) {
            u[r * 3 + c] = g[r * 3 + c] / Math.sqrt(row[r] / rowMean) / Math.sqrt(col[c]);
            ms += u[r * 3 + c] * u[r * 3 + c] / 6;
            wms += w[r * 3 + c] * w[r * 3 + c] / 6;
        }
        double clip = Math.max(1, Math.sqrt(ms)), lr = Math.max(1e-3, Math.sqrt(wms)) * 1e-2;
        double[] got = Tree.flatten(params).get("w").toDoubleArray();
        for (int i = 0; i < 6; i++) assertThat(got[i]).isCloseTo(w[i] - lr * u[i] / clip, Offset.offset(1e-6));
    }

    @Test
    void muonOrthogonalisesTheMomentumOfMatrices() {
        Array g = Ref.f32(Ref.uniform(11, 4 * 8), 4, 8);
        Array o = Muon.orthogonalize(g, 5).astype(DType.FLOAT32);
        double[] gram = Mx.matmul(o, o.T()).toDoubleArray();
        for (int i = 0; i < 4; i++) assertThat(gram[i * 4 + i]).isBetween(0.5, 1.5); // singular values pushed into ~[0.7, 1.2]
        Muon muon = new Muon(0.1);
        Map<String, Object> params = Map.of("w", Mx.zeros(new int[] {4, 8}, DType.FLOAT32), "b", Mx.zeros(new int[] {8}, DType.FLOAT32));
        Map<String, Object> grads = Map.of("w", g, "b", Ref.f32(Ref.uniform(12, 8), 8));
        Map<String, Array> out = Tree.flatten(muon.applyGradients(grads, params));
        double[] b = out.get("b").toDoubleArray(), gb = Ref.uniform(12, 8);
        for (int i = 0; i < 8; i++) {
            double v = 0.05 * gb[i], update = gb[i] * 0.05 + v * 0.95;
            assertThat(b[i]).isCloseTo(-0.1 * update, Offset.offset(1e-6));
        }
        assertThat(out.get("w").shape()).containsExactly(4, 8);
    }
}
