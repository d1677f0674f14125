package org.mlx4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.mlx4j.core.Array;

/** A stack of {@link TransformerEncoderLayer}s ({@code layers}) and a final layer norm ({@code ln}), as MLX's. */
public class TransformerEncoder extends Module {

    /**
     * The encoder.
     *
     * @param numLayers how many blocks
     * @param dims the model dimensions
     * @param numHeads the attention heads
     * @param mlpDims the MLP's hidden size
     * @param dropout the dropout probability
     * @param activation the MLP's activation
     * @param normFirst whether the blocks are pre-norm
     */
    public TransformerEncoder(int numLayers, int dims, int numHeads, int mlpDims, double dropout,
                              Function<Array, Array> activation, boolean normFirst) {
        List<TransformerEncoderLayer> blocks = new ArrayList<>();
        for (int i = 0; i < numLayers; i++) blocks.add(new TransformerEncoderLayer(dims, numHeads, mlpDims, dropout, activation, normFirst));
        register("layers", blocks);
        register("ln", new LayerNorm(dims));
    }

    /**
     * Applies every block, then the final norm.
     *
     * @param x {@code [B, L, dims]}
     * @param mask an additive attention mask, or null
     * @return {@code [B, L, dims]}
     */
    public Array forward(Array x, Array mask) {
        for (Object layer : list("layers")) x = ((TransformerEncoderLayer) layer).forward(x, mask);
        return layer("ln").forward(x);
    }
}
