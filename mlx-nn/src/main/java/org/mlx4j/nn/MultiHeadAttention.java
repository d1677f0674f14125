package org.mlx4j.nn;

import java.util.Arrays;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Fast;
import org.mlx4j.core.Mx;

/**
 * Multi-head scaled dot-product attention with projected inputs and output, as MLX's
 * {@code nn.MultiHeadAttention}: {@code query_proj}, {@code key_proj}, {@code value_proj} and {@code out_proj}
 * (without biases unless asked), the attention itself one fused kernel ({@link Fast#scaledDotProductAttention}). Inputs are {@code [B, L, D]} (queries) and {@code [B, S, D]} (keys, values); an
 * additive mask broadcastable to {@code [B, heads, L, S]} holds very negative numbers where attention is not
 * allowed ({@link #createAdditiveCausalMask}).
 */
public class MultiHeadAttention extends Module {
    private final int numHeads;

    /**
     * Attention whose queries, keys, values and output all have {@code dims} features.
     *
     * @param dims the model dimensions, a multiple of {@code numHeads}
     * @param numHeads the number of heads
     */
    public MultiHeadAttention(int dims, int numHeads) { this(dims, numHeads, dims, dims, dims, dims, dims, false); }

    /**
     * Attention with every size given.
     *
     * @param dims the query and key projection size, a multiple of {@code numHeads}
     * @param numHeads the number of heads
     * @param queryInputDims the queries' input features
     * @param keyInputDims the keys' input features
     * @param valueInputDims the values' input features
     * @param valueDims the value projection size
     * @param valueOutputDims the output features
     * @param bias whether the projections have biases
     * @throws IllegalArgumentException if {@code dims} is not a multiple of {@code numHeads}
     */
    public MultiHeadAttention(int dims, int numHeads, int queryInputDims, int keyInputDims, int valueInputDims,
                              int valueDims, int valueOutputDims, boolean bias) {
        Layers.checkPositive("MultiHeadAttention", "numHeads", numHeads);
        if (dims % numHeads != 0) {
            throw new IllegalArgumentException("MultiHeadAttention: dims " + dims + " is not a multiple of numHeads " + numHeads);
        }
        this.numHeads = numHeads;
        register("query_proj", new Linear(queryInputDims, dims, bias));
        register("key_proj", new Linear(keyInputDims, dims, bias));
        register("value_proj", new Linear(valueInputDims, valueDims, bias));
        register("out_proj", new Linear(valueDims, valueOutputDims, bias));
    }

    /**
     * Attends the queries over the keys and values.
     *
     * @param queries {@code [B, L, queryInputDims]}
     * @param keys {@code [B, S, keyInputDims]}
     * @param values {@code [B, S, valueInputDims]}
     * @param mask an additive mask broadcastable to {@code [B, heads, L, S]}, or null
     * @return {@code [B, L, valueOutputDims]}
     * @throws IllegalArgumentException if the inputs are not 3-d with matching batch and key/value lengths
     */
    public Array forward(Array queries, Array keys, Array values, Array mask) {
        if (queries.ndim() != 3 || keys.ndim() != 3 || values.ndim() != 3 || keys.shape(1) != values.shape(1)) {
            throw new IllegalArgumentException("MultiHeadAttention: expected queries [B, L, D], keys and values [B, S, D], got "
                    + Arrays.toString(queries.shape()) + ", " + Arrays.toString(keys.shape()) + ", "
                    + Arrays.toString(values.shape()));
        }
        Array q = layer("query_proj").forward(queries), k = layer("key_proj").forward(keys), v = layer("value_proj").forward(values);
        int b = q.shape(0), l = q.shape(1), s = k.shape(1);
        q = q.reshape(b, l, numHeads, -1).transpose(0, 2, 1, 3);
        k = k.reshape(b, s, numHeads, -1).transpose(0, 2, 1, 3);
        v = v.reshape(b, s, numHeads, -1).transpose(0, 2, 1, 3);
        double scale = Math.sqrt(1.0 / q.shape(-1));
        Array attended = mask == null ? Fast.scaledDotProductAttention(q, k, v, scale)
                : Fast.scaledDotProductAttention(q, k, v, scale, mask.astype(q.dtype()));
        attended = attended.transpose(0, 2, 1, 3).reshape(b, l, -1);
        return layer("out_proj").forward(attended);
    }

    /**
     * The additive causal mask {@code [n, n]}: 0 where a query may attend (key index at most the query's), -1e9
     * elsewhere. MLX: {@code MultiHeadAttention.create_additive_causal_mask}.
     *
     * @param n the sequence length
     * @param dtype the mask's dtype
     * @return the mask
     */
    public static Array createAdditiveCausalMask(int n, DType dtype) {
        Array idx = Mx.arange(n);
        Array future = Mx.less(Mx.expandDims(idx, 1), Mx.expandDims(idx, 0));
        return future.astype(dtype).multiply(-1e9);
    }

    @Override
    protected String describe() { return "num_heads=" + numHeads; }
}
