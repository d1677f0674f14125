package org.mlx4j.nn;

import java.util.function.Function;
import org.mlx4j.core.Array;

/**
 * One transformer encoder block, as MLX's {@code nn.TransformerEncoderLayer}: self-attention ({@code attention})
 * and a two-layer MLP ({@code linear1}, {@code linear2}) with residual connections, each normalised after the
 * residual ({@code ln1}, {@code ln2}) or, with {@code normFirst}, before the sub-layer.
 */
public class TransformerEncoderLayer extends Module {
    private final Function<Array, Array> activation;
    private final boolean normFirst;

    /**
     * The block.
     *
     * @param dims the model dimensions
     * @param numHeads the attention heads
     * @param mlpDims the MLP's hidden size (MLX's default {@code 4 * dims})
     * @param dropout the dropout probability after attention and inside the MLP
     * @param activation the MLP's activation (MLX's default ReLU)
     * @param normFirst whether to normalise before each sub-layer (pre-norm)
     */
    public TransformerEncoderLayer(int dims, int numHeads, int mlpDims, double dropout, Function<Array, Array> activation,
                                   boolean normFirst) {
        this.activation = activation;
        this.normFirst = normFirst;
        register("attention", new MultiHeadAttention(dims, numHeads));
        register("ln1", new LayerNorm(dims));
        register("ln2", new LayerNorm(dims));
        register("linear1", new Linear(dims, mlpDims, true));
        register("linear2", new Linear(mlpDims, dims, true));
        register("dropout1", new Dropout(dropout));
        register("dropout2", new Dropout(dropout));
    }


    private Array mlp(Array x) {
        return layer("linear2").forward(layer("dropout2").forward(activation.apply(layer("linear1").forward(x))));
    }

    /**
     * Applies the block.
     *
     * @param x {@code [B, L, dims]}
     * @param mask an additive attention mask, or null
     * @return {@code [B, L, dims]}
     */
    public Array forward(Array x, Array mask) {
        if (normFirst) {
            Array y = layer("ln1").forward(x);
            x = x.add(layer("dropout1").forward(child("attention", MultiHeadAttention.class).forward(y, y, y, mask)));
            return x.add(mlp(layer("ln2").forward(x)));
        }
        x = layer("ln1").forward(x.add(layer("dropout1").forward(child("attention", MultiHeadAttention.class).forward(x, x, x, mask))));
        return layer("ln2").forward(x.add(mlp(x)));
    }
}
