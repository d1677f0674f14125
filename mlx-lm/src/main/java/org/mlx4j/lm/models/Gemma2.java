package org.mlx4j.lm.models;

import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;

/**
 * Gemma 2 as transformers' {@code Gemma2ForCausalLM}: embeddings scaled by {@code sqrt(hidden_size)}, RMS norms
 * with {@code (1 + weight)}, four norms per layer, a GeGLU MLP (tanh GELU), attention scaled by
 * {@code query_pre_attn_scalar^-1/2} with scores soft-capped at {@code attn_logit_softcapping}, sliding-window
 * attention on alternate layers (even layers, or as {@code layer_types} says), and logits soft-capped at
 * {@code final_logit_softcapping}. Embeddings are tied unless the configuration says otherwise. Python mlx-lm:
 * {@code mlx_lm.models.gemma2}.
 */
public class Gemma2 extends Llama {
    private final double finalSoftcap;

    /**
     * A Gemma 2 with freshly initialised parameters, shaped by {@code config}.
     *
     * @param config the configuration
     * @throws IllegalArgumentException if the head counts do not divide, or the RoPE scaling is not supported
     */
    public Gemma2(ModelConfig config) {
        super(config, new DecoderStack(config, i -> new Gemma2Layer(config, SlidingWindow.of(config, i, layer -> layer % 2 == 0)),
                new GemmaRMSNorm(config.hiddenSize(), config.rmsNormEps()), Math.sqrt(config.hiddenSize())));
        finalSoftcap = config.number("final_logit_softcapping", 0);
    }

    @Override
    Array finishLogits(Array logits) {
        return finalSoftcap > 0 ? Mx.tanh(logits.divide(finalSoftcap)).multiply(finalSoftcap) : logits;
    }
}
