package org.mlx4j.lm.sample;

import java.util.Map;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

/**
 * Changes next-token logits before sampling, knowing the tokens so far, lazily; Python mlx-lm's logits processors
 * ({@code make_logits_processors}).
 */
@FunctionalInterface
public interface LogitsProcessor {
    /**
     * The processed logits.
     *
     * @param tokens the prompt and generated token ids so far, integer {@code [n]} (may be empty)
     * @param logits the next-token logits {@code [B, vocab]}
     * @return logits of the same shape
     */
    Array apply(Array tokens, Array logits);

    /**
     * The repetition penalty of the CTRL paper, as mlx-lm's {@code make_repetition_penalty}: the logits of the last
     * {@code contextSize} tokens are divided by {@code penalty} when positive and multiplied by it when negative.
     *
     * @param penalty the penalty, above 0 (1: none)
     * @param contextSize how many of the latest tokens count, at least 1
     * @return the processor
     * @throws IllegalArgumentException if {@code penalty} is not positive or {@code contextSize} is below 1
     */
    static LogitsProcessor repetitionPenalty(double penalty, int contextSize) {
        if (!(penalty > 0)) throw new IllegalArgumentException("repetitionPenalty: the penalty must be positive, got " + penalty);
        if (contextSize < 1) throw new IllegalArgumentException("repetitionPenalty: the context size must be at least 1, got " + contextSize);
        return (tokens, logits) -> {
            int n = tokens.shape(0);
            if (n == 0) return logits;
            Array recent = n > contextSize ? Mx.slice(tokens, new int[] {n - contextSize}, new int[] {n}, new int[] {1}) : tokens;
            Array idx = Mx.broadcastTo(Mx.reshape(recent.astype(DType.INT32), new int[] {1, recent.shape(0)}),
                    new int[] {logits.shape(0), recent.shape(0)});
            Array selected = Mx.takeAlongAxis(logits, idx, -1);
            Array penalised = Mx.where(Mx.less(selected, 0.0), selected.multiply(penalty), selected.divide(penalty));
            return Mx.putAlongAxis(logits, idx, penalised, -1);
        };
    }

    /**
     * Adds a fixed bias to the logits of some tokens (OpenAI's {@code logit_bias}; mlx-lm's {@code logit_bias}).
     *
     * @param bias the bias by token id
     * @param vocab the vocabulary size (ids must be below it)
     * @return the processor
     * @throws IllegalArgumentException if an id is negative or not below {@code vocab}
     */
    static LogitsProcessor logitBias(Map<Integer, Double> bias, int vocab) {
        float[] add = new float[vocab];
        bias.forEach((id, b) -> {
            if (id < 0 || id >= vocab) throw new IllegalArgumentException("logitBias: token id " + id + " is outside [0, " + vocab + ")");
            add[id] += b.floatValue();
        });
        Array row = Mx.array(add, vocab);
        return (tokens, logits) -> logits.add(row.astype(logits.dtype()));
    }
}
