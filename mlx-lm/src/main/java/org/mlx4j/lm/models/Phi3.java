package org.mlx4j.lm.models;

/**
 * Phi-3 as transformers' {@code Phi3ForCausalLM}: Llama's layers with queries, keys and values from one
 * {@code qkv_proj} and the MLP's gate and up from one {@code gate_up_proj} (gate first), every layer attending
 * within {@code sliding_window} when set. Python mlx-lm: {@code mlx_lm.models.phi3}.
 */
public class Phi3 extends Llama {
    /**
     * A Phi-3 with freshly initialised parameters, shaped by {@code config}.
     *
     * @param config the configuration
     * @throws IllegalArgumentException if the head counts do not divide, or the RoPE scaling is not supported
     */
    public Phi3(ModelConfig config) { super(config, new Variant(false, false, false, false, true, true), layer -> true); }
}
