package org.mlx4j.lm.models;

/**
 * Mistral as transformers' {@code MistralForCausalLM}: Llama's layers and names, with every layer attending
 * within {@code sliding_window} positions when the configuration sets one. Python mlx-lm:
 * {@code mlx_lm.models.mistral} (an alias of Llama).
 */
public class Mistral extends Llama {
    /**
     * A Mistral with freshly initialised parameters, shaped by {@code config}.
     *
     * @param config the configuration
     * @throws IllegalArgumentException if the head counts do not divide, or the RoPE scaling is not supported
     */
    public Mistral(ModelConfig config) { super(config, Variant.llama(config), layer -> true); }
}
