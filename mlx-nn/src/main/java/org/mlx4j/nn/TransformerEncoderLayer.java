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
    private final MultiHeadAttention attention;
    private final LayerNorm ln1;
    private final LayerNorm ln2;
    private final Linear linear1;
    private final Linear linear2;
    private final Dropout dropout1;
    private final Dropout dropout2;

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
        attention = register("attention", new MultiHeadAttention(dims, numHeads));
        ln1 = register("ln1", new LayerNorm(dims));
        ln2 = register("ln2", new LayerNorm(dims));
        linear1 = register("linear1", new Linear(dims, mlpDims, true));
        linear2 = register("linear2", new Linear(mlpDims, dims, true));
        dropout1 = register("dropout1", new Dropout(dropout));
        dropout2 = register("dropout2", new Dropout(dropout));
    }


    private Array mlp(Array x) {
        return linear2.forward(dropout2.forward(activation.apply(linear1.forward(x))));
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
            Array y = ln1.forward(x);
            x = x.add(dropout1.forward(attention.forward(y, y, y, mask)));
            return x.add(mlp(ln2.forward(x)));
        }
        x = ln1.forward(x.add(dropout1.forward(attention.forward(x, x, x, mask))));
        return ln2.forward(x.add(mlp(x)));
    }
}
