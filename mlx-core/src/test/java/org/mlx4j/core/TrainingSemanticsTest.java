package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.TestArrays.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.mlx4j.utils.Tree;

/**
 * Training the MLX way over a parameter tree (nested maps and lists): flatten, differentiate with
 * {@link Mx#valueAndGrad(Fn, int...)}, unflatten, update with SGD, against float64 backpropagation
 * written out here; and per-layer {@link Mx#checkpoint} lowering the peak memory of a deep chain.
 */
@Isolated
class TrainingSemanticsTest {
    private final Random rng = new Random(31);

    // ------------------------------------------------------------------ a training step over a tree

    /** Plain float64 parameters of the two-layer model, row-major. */
    private static final class Ref {
        double[] w1, b1, w2, b2, s;
    }

    private static final int B = 5, IN = 3, HID = 4, OUT = 2;

    /**
     * loss = mean((s * (tanh(x W1^T + b1) W2^T + b2) - y)^2), and the gradients by hand (MLX's layout:
     * Linear weights are [out, in]).
     */
    private static double lossAndGrad(Ref p, double[] x, double[] y, Ref g) {
        double[] h = new double[B * HID], o = new double[B * OUT];
        for (int b = 0; b < B; b++) {
            for (int j = 0; j < HID; j++) {
                double z = p.b1[j];
                for (int i = 0; i < IN; i++) z += x[b * IN + i] * p.w1[j * IN + i];
                h[b * HID + j] = Math.tanh(z);
            }
            for (int k = 0; k < OUT; k++) {
                double z = p.b2[k];
                for (int j = 0; j < HID; j++) z += h[b * HID + j] * p.w2[k * HID + j];
                o[b * OUT + k] = z;
            }
        }
        double loss = 0;
        g.w1 = new double[HID * IN];
        g.b1 = new double[HID];
        g.w2 = new double[OUT * HID];
        g.b2 = new double[OUT];
        g.s = new double[OUT];
        int n = B * OUT;
        for (int b = 0; b < B; b++) {
            double[] dh = new double[HID];
            for (int k = 0; k < OUT; k++) {
                double r = p.s[k] * o[b * OUT + k] - y[b * OUT + k];
                loss += r * r / n;
                double dr = 2 * r / n;
                g.s[k] += dr * o[b * OUT + k];
                double dout = dr * p.s[k];
                g.b2[k] += dout;
                for (int j = 0; j < HID; j++) {
                    g.w2[k * HID + j] += dout * h[b * HID + j];
                    dh[j] += dout * p.w2[k * HID + j];
                }
            }
            for (int j = 0; j < HID; j++) {
                double dz = dh[j] * (1 - h[b * HID + j] * h[b * HID + j]);
                g.b1[j] += dz;
                for (int i = 0; i < IN; i++) g.w1[j * IN + i] += dz * x[b * IN + i];
            }
        }
        return loss;
    }

    private static double[] sgd(double[] p, double[] g, double lr) {
        double[] out = p.clone();
        for (int i = 0; i < out.length; i++) out[i] -= lr * g[i];
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Array at(Object tree, String path) {
        Object node = tree;
        for (String part : path.split("\\.")) {
            node = node instanceof List<?> l ? l.get(Integer.parseInt(part)) : ((Map<String, Object>) node).get(part);
        }
        return (Array) node;
    }

    @Test
    void sgdStepsOverANestedParameterTreeMatchFloat64Backpropagation() {
        Ref ref = new Ref();
        ref.w1 = uniform(rng, HID * IN, -1, 1);
        ref.b1 = uniform(rng, HID, -0.5, 0.5);
        ref.w2 = uniform(rng, OUT * HID, -1, 1);
        ref.b2 = uniform(rng, OUT, -0.5, 0.5);
        ref.s = uniform(rng, OUT, 0.5, 1.5);
        double[] x = uniform(rng, B * IN, -2, 2), y = uniform(rng, B * OUT, -1, 1);
        // MLX's structure: {"layers": [{"weight", "bias"}, {"weight", "bias"}], "scale"}
        Map<String, Object> l0 = new LinkedHashMap<>(), l1 = new LinkedHashMap<>(), params = new LinkedHashMap<>();
        l0.put("weight", f64(ref.w1, HID, IN));
        l0.put("bias", f64(ref.b1, HID));
        l1.put("weight", f64(ref.w2, OUT, HID));
        l1.put("bias", f64(ref.b2, OUT));
        params.put("layers", new ArrayList<>(List.of(l0, l1)));
        params.put("scale", f64(ref.s, OUT));
        Array xs = f64(x, B, IN), ys = f64(y, B, OUT);

        Object tree = params;
        double lr = 0.1;
        for (int step = 0; step < 3; step++) {
            Map<String, Array> flat = Tree.flatten(tree);
            assertThat(flat.keySet()).containsExactly("layers.0.weight", "layers.0.bias", "layers.1.weight",
                    "layers.1.bias", "scale");
            List<String> names = new ArrayList<>(flat.keySet());
            Fn loss = args -> {
                Map<String, Array> named = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) named.put(names.get(i), args.get(i));
                Object p = Tree.unflatten(named);
                Array h = Mx.tanh(xs.matmul(at(p, "layers.0.weight").transpose()).add(at(p, "layers.0.bias")));
                Array o = h.matmul(at(p, "layers.1.weight").transpose()).add(at(p, "layers.1.bias"));
                return List.of(o.multiply(at(p, "scale")).subtract(ys).square().mean());
            };
            int[] argnums = {0, 1, 2, 3, 4};
            ValueAndGrad vg = Mx.valueAndGrad(loss, argnums).apply(new ArrayList<>(flat.values()));
            Map<String, Array> grads = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) grads.put(names.get(i), vg.grads().get(i));
            Object gradTree = Tree.unflatten(grads);
            Map<String, Array> updatedFlat = new LinkedHashMap<>();
            for (String name : names) updatedFlat.put(name, flat.get(name).subtract(at(gradTree, name).multiply(lr)));
            Object updated = Tree.unflatten(updatedFlat);
            Mx.eval(updated, vg.value());

            Ref g = new Ref();
            double expectedLoss = lossAndGrad(ref, x, y, g);
            assertClose(vg.value(), DType.FLOAT64, new int[0], new double[] {expectedLoss}, 1e-12, 1e-14);
            assertClose(at(gradTree, "layers.0.weight"), DType.FLOAT64, new int[] {HID, IN}, g.w1, 1e-10, 1e-13);
            assertClose(at(gradTree, "layers.0.bias"), DType.FLOAT64, new int[] {HID}, g.b1, 1e-10, 1e-13);
            assertClose(at(gradTree, "layers.1.weight"), DType.FLOAT64, new int[] {OUT, HID}, g.w2, 1e-10, 1e-13);
            assertClose(at(gradTree, "layers.1.bias"), DType.FLOAT64, new int[] {OUT}, g.b2, 1e-10, 1e-13);
            assertClose(at(gradTree, "scale"), DType.FLOAT64, new int[] {OUT}, g.s, 1e-10, 1e-13);
            ref.w1 = sgd(ref.w1, g.w1, lr);
            ref.b1 = sgd(ref.b1, g.b1, lr);
            ref.w2 = sgd(ref.w2, g.w2, lr);
            ref.b2 = sgd(ref.b2, g.b2, lr);
            ref.s = sgd(ref.s, g.s, lr);
            // the updated tree keeps the structure: a map holding a list of maps, then the scale
            assertThat(updated).isInstanceOf(Map.class);
            assertThat(new ArrayList<Object>(((Map<?, ?>) updated).keySet())).containsExactly("layers", "scale");
            assertThat(((Map<?, ?>) updated).get("layers")).isInstanceOf(List.class);
            assertClose(at(updated, "layers.0.weight"), DType.FLOAT64, new int[] {HID, IN}, ref.w1, 1e-10, 1e-13);
            assertClose(at(updated, "layers.1.bias"), DType.FLOAT64, new int[] {OUT}, ref.b2, 1e-10, 1e-13);
            assertClose(at(updated, "scale"), DType.FLOAT64, new int[] {OUT}, ref.s, 1e-10, 1e-13);
            tree = updated;
        }
        // three steps of descent lowered the loss
        Ref unused = new Ref();
        double last = lossAndGrad(ref, x, y, unused);
        assertThat(last).isLessThan(lossAndGrad(initial(), x, y, unused));
    }

    /** The parameters before training (the same draws as the test's first ones). */
    private static Ref initial() {
        Random r = new Random(31);
        Ref ref = new Ref();
        ref.w1 = uniform(r, HID * IN, -1, 1);
        ref.b1 = uniform(r, HID, -0.5, 0.5);
        ref.w2 = uniform(r, OUT * HID, -1, 1);
        ref.b2 = uniform(r, OUT, -0.5, 0.5);
        ref.s = uniform(r, OUT, 0.5, 1.5);
        return ref;
    }

    // ------------------------------------------------------------------ checkpoint and peak memory

    private static final int LAYERS = 16, ROWS = 8192, WIDTH = 32; // 1 MiB float32 activations

    /** Peak bytes above the settled baseline while computing the gradient of sum(chain(x)) wrt every weight. */
    private static long peakOfGradient(List<Array> weights, Array x, boolean checkpoint, List<Array> gradsOut) {
        // y = h W; tanh(y) sigmoid(y) + sin(y) cos(y): the backward pass of a layer reads y, tanh(y),
        // sigmoid(y), sin(y) and cos(y), all of the size of an activation
        Fn layer = a -> {
            Array y = a.get(0).matmul(a.get(1));
            return List.of(Mx.tanh(y).multiply(Mx.sigmoid(y)).add(Mx.sin(y).multiply(Mx.cos(y))));
        };
        Fn step = checkpoint ? Mx.checkpoint(layer) : layer;
        Fn loss = args -> {
            Array h = args.get(0);
            for (int i = 1; i < args.size(); i++) h = step.apply(List.of(h, args.get(i))).get(0);
            return List.of(h.sum());
        };
        int[] argnums = new int[LAYERS];
        for (int i = 0; i < LAYERS; i++) argnums[i] = i + 1;
        List<Array> args = new ArrayList<>();
        args.add(x);
        args.addAll(weights);
        Mx.synchronize();
        Memory.reclaim();
        Memory.clearCache();
        long base = Memory.activeMemory();
        Memory.resetPeakMemory();
        List<Array> grads = Mx.grad(loss, argnums).apply(args);
        Mx.eval(grads);
        long peak = Memory.peakMemory() - base;
        gradsOut.addAll(grads);
        return peak;
    }

    @Test
    void perLayerCheckpointingLowersThePeakMemoryOfADeepChain() {
        List<Array> weights = new ArrayList<>();
        for (int i = 0; i < LAYERS; i++) {
            weights.add(array(uniform(rng, WIDTH * WIDTH, -0.3, 0.3), DType.FLOAT32, WIDTH, WIDTH).eval());
        }
        Array x = array(uniform(rng, ROWS * WIDTH, -1, 1), DType.FLOAT32, ROWS, WIDTH).eval();
        long activation = 4L * ROWS * WIDTH;
        List<Array> plainGrads = new ArrayList<>(), ckptGrads = new ArrayList<>();
        long plain = peakOfGradient(weights, x, false, plainGrads);
        List<double[]> plainValues = plainGrads.stream().map(Array::toDoubleArray).toList();
        plainGrads.forEach(Array::close);
        long ckpt = peakOfGradient(weights, x, true, ckptGrads);
        for (int i = 0; i < LAYERS; i++) {
            assertShape(ckptGrads.get(i), DType.FLOAT32, WIDTH, WIDTH);
            // float32 sums over 8192 rows with cancellation: compare against the gradient's scale
            double scale = java.util.Arrays.stream(plainValues.get(i)).map(Math::abs).max().orElse(0);
            assertAllClose(ckptGrads.get(i).toDoubleArray(), plainValues.get(i), 1e-4, 1e-4 * scale);
        }
        String measured = String.format("peak above baseline: %.1f MiB without checkpoint, %.1f MiB with (activation %.1f MiB)",
                plain / 1048576.0, ckpt / 1048576.0, activation / 1048576.0);
        // without: every layer keeps its intermediates for the backward pass (measured ~95 MiB here)
        assertThat(plain).as(measured).isGreaterThanOrEqualTo(4L * LAYERS * activation);
        // with: only the layer inputs are kept (and each layer's cotangent until its weight gradient is
        // computed); a layer's inside is recomputed when the backward pass reaches it (measured ~36 MiB)
        assertThat(ckpt).as(measured).isLessThan(plain / 2).isLessThan(3L * LAYERS * activation);
    }
}
