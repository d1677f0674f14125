package org.mlx4j.nn;

import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;

/**
 * A lookup table of {@code numEmbeddings} vectors of {@code dims} values, as MLX's {@code mlx.nn.Embedding}:
 * {@code weight} {@code [numEmbeddings, dims]} drawn from {@code N(0, 1/dims)}.
 */
public class Embedding extends Module implements UnaryLayer {
    /**
     * An embedding table.
     *
     * @param numEmbeddings how many vectors (the vocabulary size)
     * @param dims the size of each vector
     * @throws IllegalArgumentException if a size is not positive
     */
    public Embedding(int numEmbeddings, int dims) {
        Layers.checkPositive("Embedding", "numEmbeddings", numEmbeddings);
        Layers.checkPositive("Embedding", "dims", dims);
        register("weight", Random.normal(new int[] {numEmbeddings, dims}, DType.FLOAT32, 0.0, Math.sqrt(1.0 / dims), null));
    }

    /**
     * The vectors of the given indices: {@code weight[x]}.
     *
     * @param x integer indices of any shape
     * @return {@code [x.shape..., dims]}
     * @throws IllegalArgumentException if {@code x} is not of an integer dtype
     */
    @Override
    public Array forward(Array x) {
        if (!x.dtype().isInteger()) {
            throw new IllegalArgumentException("Embedding: indices must be integers, got " + x.dtype());
        }
        return Mx.take(array("weight"), x, 0);
    }

    /**
     * The embedding used as an output projection: {@code x W^T}, for models that tie their input and output
     * embeddings. MLX: {@code Embedding.as_linear}.
     *
     * @param x {@code [..., dims]}
     * @return {@code [..., numEmbeddings]}
     */
    public Array asLinear(Array x) { return Mx.matmul(x, array("weight").T()); }

    @Override
    protected String describe() {
        int[] w = array("weight").shape();
        return w[0] + ", " + w[1];
    }
}
