package org.mlx4j.nn;

import java.util.function.Function;
import org.mlx4j.core.Array;

/**
 * The encoder-decoder transformer of "Attention Is All You Need", as MLX's {@code nn.Transformer}: an
 * {@code encoder} ({@link TransformerEncoder}) and a {@code decoder} ({@link TransformerDecoder}).
 */
public class Transformer extends Module {
    /**
     * MLX's default transformer: 512 dimensions, 8 heads, 6 encoder and 6 decoder layers, MLP of 2048, no dropout,
     * ReLU, post-norm.
     */
    public Transformer() { this(512, 8, 6, 6, 2048, 0.0, Activations::relu, false); }

    /**
     * A transformer.
     *
     * @param dims the model dimensions
     * @param numHeads the attention heads
     * @param numEncoderLayers the encoder blocks
     * @param numDecoderLayers the decoder blocks
     * @param mlpDims the MLPs' hidden size
     * @param dropout the dropout probability
     * @param activation the MLPs' activation
     * @param normFirst whether the blocks are pre-norm
     */
    public Transformer(int dims, int numHeads, int numEncoderLayers, int numDecoderLayers, int mlpDims, double dropout,
                       Function<Array, Array> activation, boolean normFirst) {
        register("encoder", new TransformerEncoder(numEncoderLayers, dims, numHeads, mlpDims, dropout, activation, normFirst));
        register("decoder", new TransformerDecoder(numDecoderLayers, dims, numHeads, mlpDims, dropout, activation, normFirst));
    }

    /**
     * Encodes {@code src} and decodes {@code tgt} against it.
     *
     * @param src the source {@code [B, S, dims]}
     * @param tgt the target {@code [B, L, dims]}
     * @param srcMask the encoder's self-attention mask, or null
     * @param tgtMask the decoder's self-attention mask (usually causal), or null
     * @param memoryMask the decoder's cross-attention mask, or null
     * @return {@code [B, L, dims]}
     */
    public Array forward(Array src, Array tgt, Array srcMask, Array tgtMask, Array memoryMask) {
        return child("decoder", TransformerDecoder.class).forward(tgt, child("encoder", TransformerEncoder.class).forward(src, srcMask),
                tgtMask, memoryMask);
    }
}
