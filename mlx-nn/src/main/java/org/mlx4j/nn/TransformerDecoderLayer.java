package org.mlx4j.nn;

import java.util.function.Function;
import org.mlx4j.core.Array;

/**
 * One transformer decoder block, as MLX's {@code nn.TransformerDecoderLayer}: masked self-attention
 * ({@code self_attention}), attention over the encoder's output ({@code cross_attention}) and a two-layer MLP, each
 * with a residual connection and a layer norm ({@code ln1}, {@code ln2}, {@code ln3}) after the residual or, with
 * {@code normFirst}, before the sub-layer.
 */
public class TransformerDecoderLayer extends Module {
    private final Function<Array, Array> activation;
    private final boolean normFirst;
    private final MultiHeadAttention selfAttention;
    private final MultiHeadAttention crossAttention;
    private final LayerNorm ln1;
    private final LayerNorm ln2;
    private final LayerNorm ln3;
    private final Linear linear1;
    private final Linear linear2;
    private final Dropout dropout1;
    private final Dropout dropout2;
    private final Dropout dropout3;

    /**
     * The block.
     *
     * @param dims the model dimensions
     * @param numHeads the attention heads
     * @param mlpDims the MLP's hidden size
     * @param dropout the dropout probability
     * @param activation the MLP's activation
     * @param normFirst whether to normalise before each sub-layer (pre-norm)
     */
    public TransformerDecoderLayer(int dims, int numHeads, int mlpDims, double dropout, Function<Array, Array> activation,
                                   boolean normFirst) {
        this.activation = activation;
        this.normFirst = normFirst;
        selfAttention = register("self_attention", new MultiHeadAttention(dims, numHeads));
        crossAttention = register("cross_attention", new MultiHeadAttention(dims, numHeads));
        ln1 = register("ln1", new LayerNorm(dims));
        ln2 = register("ln2", new LayerNorm(dims));
        ln3 = register("ln3", new LayerNorm(dims));
        linear1 = register("linear1", new Linear(dims, mlpDims, true));
        linear2 = register("linear2", new Linear(mlpDims, dims, true));
        dropout1 = register("dropout1", new Dropout(dropout));
        dropout2 = register("dropout2", new Dropout(dropout));
        dropout3 = register("dropout3", new Dropout(dropout));
    }



    private Array mlp(Array x) {
        return linear2.forward(dropout3.forward(activation.apply(linear1.forward(x))));
    }

    /**
     * Applies the block.
     *
     * @param x the decoder input {@code [B, L, dims]}
     * @param memory the encoder output {@code [B, S, dims]}
     * @param xMask the self-attention mask (usually causal), or null
     * @param memoryMask the cross-attention mask, or null
     * @return {@code [B, L, dims]}
     */
    public Array forward(Array x, Array memory, Array xMask, Array memoryMask) {
        if (normFirst) {
            Array y = ln1.forward(x);
            x = x.add(dropout1.forward(selfAttention.forward(y, y, y, xMask)));
            y = ln2.forward(x);
            x = x.add(dropout2.forward(crossAttention.forward(y, memory, memory, memoryMask)));
            return x.add(mlp(ln3.forward(x)));
        }
        x = ln1.forward(x.add(dropout1.forward(selfAttention.forward(x, x, x, xMask))));
        x = ln2.forward(x.add(dropout2.forward(crossAttention.forward(x, memory, memory, memoryMask))));
        return ln3.forward(x.add(mlp(x)));
    }
}
