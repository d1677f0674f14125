package org.mlx4j.lm.models;

/**
 * Qwen2 and Qwen2.5 as transformers' {@code Qwen2ForCausalLM}: Llama's layers and names with biases on
 * {@code q_proj}, {@code k_proj} and {@code v_proj} (not {@code o_proj}); sliding windows only with
 * {@code use_sliding_window}. Python mlx-lm: {@code mlx_lm.models.qwen2}.
 */
public class Qwen2 extends Llama {
    /**
     * A Qwen2 with freshly initialised parameters, shaped by {@code config}.
     *
     * @param config the configuration
     * @throws IllegalArgumentException if the head counts do not divide, or the RoPE scaling is not supported
     */
    public Qwen2(ModelConfig config) {
        super(config, new Variant(true, false, false, false, false, false), SlidingWindow.qwen(config));
    }
}
