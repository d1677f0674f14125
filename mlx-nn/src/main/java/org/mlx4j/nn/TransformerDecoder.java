package org.mlx4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.mlx4j.core.Array;

/** A stack of {@link TransformerDecoderLayer}s ({@code layers}) and a final layer norm ({@code ln}), as MLX's. */
public class TransformerDecoder extends Module {

    /**
     * The decoder.
     *
     * @param numLayers how many blocks
     * @param dims the model dimensions
     * @param numHeads the attention heads
     * @param mlpDims the MLP's hidden size
     * @param dropout the dropout probability
     * @param activation the MLP's activation
     * @param normFirst whether the blocks are pre-norm
     */
    public TransformerDecoder(int numLayers, int dims, int numHeads, int mlpDims, double dropout,
                              Function<Array, Array> activation, boolean normFirst) {
        List<TransformerDecoderLayer> blocks = new ArrayList<>();
        for (int i = 0; i < numLayers; i++) blocks.add(new TransformerDecoderLayer(dims, numHeads, mlpDims, dropout, activation, normFirst));
        register("layers", blocks);
        register("ln", new LayerNorm(dims));
    }

    /**
     * Applies every block, then the final norm.
     *
     * @param x the decoder input {@code [B, L, dims]}
     * @param memory the encoder output {@code [B, S, dims]}
     * @param xMask the self-attention mask, or null
     * @param memoryMask the cross-attention mask, or null
     * @return {@code [B, L, dims]}
     */
    public Array forward(Array x, Array memory, Array xMask, Array memoryMask) {
        for (Object layer : list("layers")) x = ((TransformerDecoderLayer) layer).forward(x, memory, xMask, memoryMask);
        return layer("ln").forward(x);
    }
}
