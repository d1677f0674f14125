package org.mlx4j.lm.models;

/**
 * What sets a Llama-like architecture apart from Llama: biases, per-head query/key norms, fused projections.
 *
 * @param qkvBias whether the query/key/value projections have biases
 * @param outputBias whether {@code o_proj} has a bias
 * @param mlpBias whether the MLP projections have biases
 * @param qkNorm whether each head's queries and keys pass an RMS norm ({@code q_norm}, {@code k_norm}; Qwen3)
 * @param fusedQkv whether queries, keys and values come from one {@code qkv_proj} (Phi-3)
 * @param fusedGateUp whether the MLP's gate and up projections are one {@code gate_up_proj} (Phi-3)
 */
record Variant(boolean qkvBias, boolean outputBias, boolean mlpBias, boolean qkNorm, boolean fusedQkv, boolean fusedGateUp) {
    /** Llama's: biases as {@code attention_bias} and {@code mlp_bias} say, separate projections. */
    static Variant llama(ModelConfig c) {
        return new Variant(c.attentionBias(), c.attentionBias(), c.mlpBias(), false, false, false);
    }
}
