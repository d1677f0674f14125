package org.mlx4j.nn;

import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;

/**
 * An embedding table with quantized rows, as MLX's {@code nn.QuantizedEmbedding}: {@code weight} (packed UINT32),
 * {@code scales} and {@code biases}; a lookup dequantizes the selected rows, and {@link #asLinear} multiplies by
 * the quantized table. Its parameters are frozen.
 */
public class QuantizedEmbedding extends Module implements UnaryLayer {
    private final int groupSize;
    private final int bits;

    /**
     * A table with random rows (drawn as {@link Embedding}'s, then quantized).
     *
     * @param numEmbeddings the number of rows
     * @param dims the row size, a multiple of {@code groupSize}
     * @param groupSize the quantization group size
     * @param bits the bits per value
     */
    public QuantizedEmbedding(int numEmbeddings, int dims, int groupSize, int bits) {
        this(Random.normal(new int[] {numEmbeddings, dims}, DType.FLOAT32, 0.0, Math.sqrt(1.0 / dims), null), groupSize, bits);
    }

    private QuantizedEmbedding(Array weight, int groupSize, int bits) {
        this.groupSize = groupSize;
        this.bits = bits;
        List<Array> q = Mx.quantize(weight, groupSize, bits);
        register("weight", q.get(0));
        register("scales", q.get(1));
        register("biases", q.get(2));
        freeze();
    }

    /**
     * The quantized form of an embedding. MLX: {@code QuantizedEmbedding.from_embedding}.
     *
     * @param embedding the table
     * @param groupSize the quantization group size
     * @param bits the bits per value
     * @return the quantized table
     */
    public static QuantizedEmbedding from(Embedding embedding, int groupSize, int bits) {
        return new QuantizedEmbedding(embedding.array("weight"), groupSize, bits);
    }

    @Override
    public Array forward(Array x) {
        if (!x.dtype().isInteger()) throw new IllegalArgumentException("QuantizedEmbedding: indices must be integers, got " + x.dtype());
        return Mx.dequantize(Mx.take(array("weight"), x, 0), Mx.take(array("scales"), x, 0), Mx.take(array("biases"), x, 0),
                groupSize, bits);
    }

    /**
     * The table used as an output projection: {@code x W^T} with the quantized {@code W}.
     *
     * @param x {@code [..., dims]}
     * @return {@code [..., numEmbeddings]}
     */
    public Array asLinear(Array x) {
        return Mx.quantizedMatmul(x, array("weight"), array("scales"), array("biases"), true, groupSize, bits);
    }

    @Override
    protected List<String> alwaysFrozen() { return List.of("weight", "scales", "biases"); }
}
