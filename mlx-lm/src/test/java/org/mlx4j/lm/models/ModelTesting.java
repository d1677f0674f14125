package org.mlx4j.lm.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;
import org.mlx4j.nn.Module;
import org.mlx4j.utils.Tree;

/** Shared pieces of the model tests: random weights, read back as float64 by name, and logit comparison. */
final class ModelTesting {
    private ModelTesting() {}

    /**
     * Gives every parameter of {@code model} random values (norm weights around 1, the rest around 0 with spread
     * {@code 1/sqrt(fan-in)}) and returns them as float64 by dotted name.
     */
    static Map<String, double[]> randomize(Module model, long seed) {
        Map<String, Array> params = Tree.flatten(model.parameters());
        Map<String, Array> fresh = new LinkedHashMap<>();
        Map<String, double[]> values = new LinkedHashMap<>();
        int i = 0;
        for (var e : params.entrySet()) {
            int[] shape = e.getValue().shape();
            Array key = Random.key(seed * 1000 + i++);
            double spread = shape.length == 2 ? 1.5 / Math.sqrt(shape[1]) : 0.3;
            Array a = Random.normal(shape, DType.FLOAT32, 0.0, spread, key);
            if (e.getKey().endsWith("norm.weight")) a = a.add(Mx.array(1.0f));
            Mx.eval(a);
            fresh.put(e.getKey(), a);
            values.put(e.getKey(), a.toDoubleArray());
        }
        model.loadWeights(fresh, true);
        return values;
    }

    /** Random token ids {@code [batch, length]} below {@code vocab}. */
    static int[][] randomIds(int batch, int length, int vocab, long seed) {
        java.util.Random r = new java.util.Random(seed);
        int[][] ids = new int[batch][length];
        for (int[] row : ids) for (int t = 0; t < length; t++) row[t] = r.nextInt(vocab);
        return ids;
    }

    /** {@code ids} as an int32 array {@code [B, L]}. */
    static Array idsArray(int[][] ids) {
        int b = ids.length, l = ids[0].length;
        int[] flat = new int[b * l];
        for (int i = 0; i < b; i++) System.arraycopy(ids[i], 0, flat, i * l, l);
        return Mx.array(flat, b, l);
    }

    /** Asserts that {@code logits} ({@code [B, L, V]}) equal the reference rows within {@code 1e-4} of their scale. */
    static void assertLogits(Array logits, double[][][] expected) {
        int b = expected.length, l = expected[0].length, v = expected[0][0].length;
        assertThat(logits.shape()).containsExactly(b, l, v);
        double[] got = logits.astype(DType.FLOAT32).toDoubleArray();
        double scale = 0, err = 0;
        for (int i = 0; i < b; i++) {
            for (int t = 0; t < l; t++) {
                for (int k = 0; k < v; k++) {
                    scale = Math.max(scale, Math.abs(expected[i][t][k]));
                    err = Math.max(err, Math.abs(got[(i * l + t) * v + k] - expected[i][t][k]));
                }
            }
        }
        assertThat(scale).isGreaterThan(0.1);
        assertThat(err).as("max |logit error| against a logit scale of %s", scale).isLessThanOrEqualTo(1e-4 * scale);
    }
}
