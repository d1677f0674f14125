package org.mlx4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;

/**
 * A gated recurrent unit layer, as MLX's {@code nn.GRU}, over input {@code [N, L, D]} or {@code [L, D]}:
 * {@code r, z = sigmoid(x Wx_rz^T + b_rz + h Wh_rz^T)}, {@code n = tanh(x Wx_n^T + b_n + r * (h Wh_n^T + bhn))},
 * {@code h = (1 - z) n + z h}; it returns every step's hidden state. Parameters {@code Wx} {@code [3H, D]},
 * {@code Wh} {@code [3H, H]}, {@code b} {@code [3H]}, {@code bhn} {@code [H]} (gates in the order r, z, n).
 */
public class GRU extends Module implements UnaryLayer {
    private final int inputSize;
    private final int hiddenSize;

    /**
     * The layer.
     *
     * @param inputSize the input features {@code D}
     * @param hiddenSize the hidden features {@code H}
     * @param bias whether the layer has biases
     * @throws IllegalArgumentException if a size is not positive
     */
    public GRU(int inputSize, int hiddenSize, boolean bias) {
        Layers.checkPositive("GRU", "inputSize", inputSize);
        Layers.checkPositive("GRU", "hiddenSize", hiddenSize);
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        double scale = 1 / Math.sqrt(hiddenSize);
        register("Wx", Random.uniform(-scale, scale, new int[] {3 * hiddenSize, inputSize}, DType.FLOAT32, null));
        register("Wh", Random.uniform(-scale, scale, new int[] {3 * hiddenSize, hiddenSize}, DType.FLOAT32, null));
        if (bias) {
            register("b", Random.uniform(-scale, scale, new int[] {3 * hiddenSize}, DType.FLOAT32, null));
            register("bhn", Random.uniform(-scale, scale, new int[] {hiddenSize}, DType.FLOAT32, null));
        }
    }

    @Override
    public Array forward(Array x) { return forward(x, null); }

    /**
     * Runs the sequence from an initial hidden state.
     *
     * @param x the input, {@code [N, L, D]} or {@code [L, D]}
     * @param hidden the initial hidden state {@code [N, H]} or {@code [H]}, or null for zeros
     * @return every step's hidden state
     * @throws IllegalArgumentException if the input's shape does not fit the layer
     */
    public Array forward(Array x, Array hidden) {
        Recurrence.checkInput("GRU", x, inputSize);
        Array projected = Recurrence.project(x, array("Wx"), has("b") ? array("b") : null);
        List<Array> parts = Mx.split(projected, new int[] {2 * hiddenSize}, -1);
        Array xRz = parts.get(0), xN = parts.get(1);
        if (hidden == null) hidden = Mx.zeros(new int[] {hiddenSize}, projected.dtype());
        List<Array> all = new ArrayList<>();
        for (int t = 0; t < x.shape(-2); t++) {
            List<Array> h = Mx.split(Mx.matmul(hidden, array("Wh").T()), new int[] {2 * hiddenSize}, -1);
            Array hN = has("bhn") ? h.get(1).add(array("bhn")) : h.get(1);
            List<Array> rz = Mx.split(Mx.sigmoid(Recurrence.step(xRz, t).add(h.get(0))), 2, -1);
            Array n = Mx.tanh(Recurrence.step(xN, t).add(rz.get(0).multiply(hN)));
            Array z = rz.get(1);
            hidden = z.negative().add(1.0).multiply(n).add(z.multiply(hidden));
            all.add(hidden);
        }
        return Mx.stack(all, -2);
    }

    @Override
    protected String describe() { return "input_dims=" + inputSize + ", hidden_size=" + hiddenSize + ", bias=" + has("b"); }
}
