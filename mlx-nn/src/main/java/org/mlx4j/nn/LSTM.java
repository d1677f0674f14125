package org.mlx4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;

/**
 * A long short-term memory layer, as MLX's {@code nn.LSTM}, over input {@code [N, L, D]} or {@code [L, D]}:
 * {@code i, f, g, o = split(x Wx^T + bias + h Wh^T)}, {@code c = sigmoid(f) c + sigmoid(i) tanh(g)},
 * {@code h = sigmoid(o) tanh(c)}; it returns the hidden and cell states of every step. Parameters {@code Wx}
 * {@code [4H, D]}, {@code Wh} {@code [4H, H]}, {@code bias} {@code [4H]} (gates in the order i, f, g, o).
 */
public class LSTM extends Module {
    private final int inputSize;
    private final int hiddenSize;

    /**
     * The layer.
     *
     * @param inputSize the input features {@code D}
     * @param hiddenSize the hidden features {@code H}
     * @param bias whether the layer has a bias
     * @throws IllegalArgumentException if a size is not positive
     */
    public LSTM(int inputSize, int hiddenSize, boolean bias) {
        Layers.checkPositive("LSTM", "inputSize", inputSize);
        Layers.checkPositive("LSTM", "hiddenSize", hiddenSize);
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        double scale = 1 / Math.sqrt(hiddenSize);
        register("Wx", Random.uniform(-scale, scale, new int[] {4 * hiddenSize, inputSize}, DType.FLOAT32, null));
        register("Wh", Random.uniform(-scale, scale, new int[] {4 * hiddenSize, hiddenSize}, DType.FLOAT32, null));
        if (bias) register("bias", Random.uniform(-scale, scale, new int[] {4 * hiddenSize}, DType.FLOAT32, null));
    }

    /**
     * Runs the sequence from zero states.
     *
     * @param x the input, {@code [N, L, D]} or {@code [L, D]}
     * @return {@code [hidden states, cell states]}, each {@code [N, L, H]} or {@code [L, H]}
     */
    public List<Array> forward(Array x) { return forward(x, null, null); }

    /**
     * Runs the sequence from initial states.
     *
     * @param x the input, {@code [N, L, D]} or {@code [L, D]}
     * @param hidden the initial hidden state {@code [N, H]} or {@code [H]}, or null for zeros
     * @param cell the initial cell state, or null for zeros
     * @return {@code [hidden states, cell states]}
     * @throws IllegalArgumentException if the input's shape does not fit the layer
     */
    public List<Array> forward(Array x, Array hidden, Array cell) {
        Recurrence.checkInput("LSTM", x, inputSize);
        Array projected = Recurrence.project(x, array("Wx"), has("bias") ? array("bias") : null);
        if (hidden == null) hidden = Mx.zeros(new int[] {hiddenSize}, projected.dtype());
        if (cell == null) cell = Mx.zeros(new int[] {hiddenSize}, projected.dtype());
        List<Array> hiddens = new ArrayList<>(), cells = new ArrayList<>();
        for (int t = 0; t < x.shape(-2); t++) {
            List<Array> g = Mx.split(Recurrence.step(projected, t).add(Mx.matmul(hidden, array("Wh").T())), 4, -1);
            cell = Mx.sigmoid(g.get(1)).multiply(cell).add(Mx.sigmoid(g.get(0)).multiply(Mx.tanh(g.get(2))));
            hidden = Mx.sigmoid(g.get(3)).multiply(Mx.tanh(cell));
            hiddens.add(hidden);
            cells.add(cell);
        }
        return List.of(Mx.stack(hiddens, -2), Mx.stack(cells, -2));
    }

    @Override
    protected String describe() { return "input_dims=" + inputSize + ", hidden_size=" + hiddenSize + ", bias=" + has("bias"); }
}
