package org.mlx4j.lm.models;

/**
 * What sets a Llama-like architecture apart from Llama: biases of the attention projections and per-head
 * query/key norms.
 *
 * @param qkvBias whether {@code q_proj}, {@code k_proj}, {@code v_proj} have biases
 * @param outputBias whether {@code o_proj} has a bias
 * @param mlpBias whether the MLP projections have biases
 * @param qkNorm whether each head's queries and keys pass an RMS norm ({@code q_norm}, {@code k_norm})
 */
record Variant(boolean qkvBias, boolean outputBias, boolean mlpBias, boolean qkNorm) {
    /** Llama's: biases as {@code attention_bias} and {@code mlp_bias} say, no per-head norms. */
    static Variant llama(ModelConfig c) {
        return new Variant(c.attentionBias(), c.attentionBias(), c.mlpBias(), false);
    }
}
