package org.mlx4j.lm.models;

/**
 * Qwen3 as transformers' {@code Qwen3ForCausalLM}: Llama's layers and names with an RMS norm over each head's
 * queries and keys before RoPE ({@code q_norm}, {@code k_norm}), an explicit {@code head_dim}, and biases only with
 * {@code attention_bias}. Python mlx-lm: {@code mlx_lm.models.qwen3}.
 */
public class Qwen3 extends Llama {
    /**
     * A Qwen3 with freshly initialised parameters, shaped by {@code config}.
     *
     * @param config the configuration
     * @throws IllegalArgumentException if the head counts do not divide, or the RoPE scaling is not supported
     */
    public Qwen3(ModelConfig config) {
        super(config, new Variant(config.attentionBias(), config.attentionBias(), false, true, false, false),
                SlidingWindow.qwen(config));
    }
}
