package org.mlx4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;

/**
 * An Elman recurrent layer, as MLX's {@code nn.RNN}: {@code h_t = f(x_t Wxh^T + h_{t-1} Whh^T + bias)} with
 * {@code f = tanh} by default, over input {@code [N, L, D]} or {@code [L, D]}; it returns the hidden state at every
 * step, {@code [N, L, H]} or {@code [L, H]}. Parameters {@code Wxh} {@code [H, D]}, {@code Whh} {@code [H, H]},
 * {@code bias} {@code [H]}, drawn from {@code U(-1/sqrt(H), 1/sqrt(H))}.
 */
public class RNN extends Module implements UnaryLayer {
    private final int inputSize;
    private final Function<Array, Array> nonlinearity;

    /**
     * The layer with a tanh non-linearity.
     *
     * @param inputSize the input features {@code D}
     * @param hiddenSize the hidden features {@code H}
     * @param bias whether the layer has a bias
     */
    public RNN(int inputSize, int hiddenSize, boolean bias) { this(inputSize, hiddenSize, bias, Mx::tanh); }

    /**
     * The layer.
     *
     * @param inputSize the input features {@code D}
     * @param hiddenSize the hidden features {@code H}
     * @param bias whether the layer has a bias
     * @param nonlinearity the non-linearity
     * @throws IllegalArgumentException if a size is not positive
     */
    public RNN(int inputSize, int hiddenSize, boolean bias, Function<Array, Array> nonlinearity) {
        Layers.checkPositive("RNN", "inputSize", inputSize);
        Layers.checkPositive("RNN", "hiddenSize", hiddenSize);
        this.inputSize = inputSize;
        this.nonlinearity = java.util.Objects.requireNonNull(nonlinearity, "nonlinearity");
        double scale = 1 / Math.sqrt(hiddenSize);
        register("Wxh", Random.uniform(-scale, scale, new int[] {hiddenSize, inputSize}, DType.FLOAT32, null));
        register("Whh", Random.uniform(-scale, scale, new int[] {hiddenSize, hiddenSize}, DType.FLOAT32, null));
        if (bias) register("bias", Random.uniform(-scale, scale, new int[] {hiddenSize}, DType.FLOAT32, null));
    }

    @Override
    public Array forward(Array x) { return forward(x, null); }

    /**
     * Runs the sequence from an initial hidden state.
     *
     * @param x the input, {@code [N, L, D]} or {@code [L, D]}
     * @param hidden the initial hidden state {@code [N, H]} or {@code [H]}, or null to start from none
     * @return every step's hidden state
     * @throws IllegalArgumentException if the input's shape does not fit the layer
     */
    public Array forward(Array x, Array hidden) {
        Recurrence.checkInput("RNN", x, inputSize);
        Array projected = Recurrence.project(x, array("Wxh"), has("bias") ? array("bias") : null);
        List<Array> all = new ArrayList<>();
        for (int t = 0; t < x.shape(-2); t++) {
            Array in = Recurrence.step(projected, t);
            hidden = nonlinearity.apply(hidden == null ? in : in.add(Mx.matmul(hidden, array("Whh").T())));
            all.add(hidden);
        }
        return Mx.stack(all, -2);
    }

    @Override
    protected String describe() {
        return "input_dims=" + inputSize + ", hidden_size=" + array("Whh").shape(0) + ", bias=" + has("bias");
    }
}
