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
        register("self_attention", new MultiHeadAttention(dims, numHeads));
        register("cross_attention", new MultiHeadAttention(dims, numHeads));
        register("ln1", new LayerNorm(dims));
        register("ln2", new LayerNorm(dims));
        register("ln3", new LayerNorm(dims));
        register("linear1", new Linear(dims, mlpDims, true));
        register("linear2", new Linear(mlpDims, dims, true));
        register("dropout1", new Dropout(dropout));
        register("dropout2", new Dropout(dropout));
        register("dropout3", new Dropout(dropout));
    }



    private Array mlp(Array x) {
        return layer("linear2").forward(layer("dropout3").forward(activation.apply(layer("linear1").forward(x))));
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
            Array y = layer("ln1").forward(x);
            x = x.add(layer("dropout1").forward(child("self_attention", MultiHeadAttention.class).forward(y, y, y, xMask)));
            y = layer("ln2").forward(x);
            x = x.add(layer("dropout2").forward(child("cross_attention", MultiHeadAttention.class).forward(y, memory, memory, memoryMask)));
            return x.add(mlp(layer("ln3").forward(x)));
        }
        x = layer("ln1").forward(x.add(layer("dropout1").forward(child("self_attention", MultiHeadAttention.class).forward(x, x, x, xMask))));
        x = layer("ln2").forward(x.add(layer("dropout2").forward(child("cross_attention", MultiHeadAttention.class).forward(x, memory, memory, memoryMask))));
        return layer("ln3").forward(x.add(mlp(x)));
    }
}
